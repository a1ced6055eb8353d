package io.synthforge.model;

import java.io.Serializable;

/**
 * "Generate rows whose discrete column has this category": the index of the column's one-hot span in the
 * layout and the category's position inside the span. Built from a user's {@code COL=VALUE} by the sampler.
 */
public final class GenerationCondition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int spanIndex;
  private final int category;

  private GenerationCondition(int spanIndex, int category) {
    this.spanIndex = spanIndex;
    this.category = category;
  }

  /** The condition "span {@code spanIndex} (in {@code OutputLayout.spans()}) takes position {@code category}". */
  public static GenerationCondition of(int spanIndex, int category) {
    if (spanIndex < 0 || category < 0) {
      throw new IllegalArgumentException("Cannot build a condition on span " + spanIndex + ", category " + category);
    }
    return new GenerationCondition(spanIndex, category);
  }

  /** Index of the one-hot span in the layout's span list. */
  public int spanIndex() {
    return spanIndex;
  }

  /** Position of the category inside the span. */
  public int category() {
    return category;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenerationCondition && spanIndex == ((GenerationCondition) other).spanIndex
        && category == ((GenerationCondition) other).category;
  }

  @Override
  public int hashCode() {
    return spanIndex * 31 + category;
  }

  @Override
  public String toString() {
    return "span " + spanIndex + " = " + category;
  }
}
