package io.synthforge.transform;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A contiguous slice of the feature vector that belongs to one column, with the activation the generator head
 * must apply to it. Immutable.
 *
 * <p>A {@link Kind#SCALAR} span is one value in [-1, 1] (tanh). A {@link Kind#ONE_HOT} span is a one-hot over
 * its {@link #labels()} (softmax or gumbel-softmax); it is <em>conditionable</em> when it encodes a categorical
 * or label column, so the conditional vector is built over it, and not when it is the mode indicator of a
 * continuous column.
 */
public final class Span implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The label of a one-hot position that stands for a missing value. */
  public static final String NULL_LABEL = "__null__";

  /** The shape of a span and the activation that produces it. */
  public enum Kind {
    /** One value in [-1, 1], produced by tanh. */
    SCALAR("tanh"),
    /** A one-hot over labels, produced by softmax (or gumbel-softmax while training). */
    ONE_HOT("softmax");

    private final String activation;

    Kind(String activation) {
      this.activation = activation;
    }

    /** The activation the generator head applies to spans of this kind. */
    public String activation() {
      return activation;
    }
  }

  private final String column;
  private final Kind kind;
  private final int offset;
  private final int width;
  private final List<String> labels;
  private final boolean conditionable;

  private Span(String column, Kind kind, int offset, int width, List<String> labels, boolean conditionable) {
    this.column = column;
    this.kind = kind;
    this.offset = offset;
    this.width = width;
    this.labels = labels;
    this.conditionable = conditionable;
  }

  /** A scalar (tanh, width 1) span of {@code column} at {@code offset}. */
  public static Span scalar(String column, int offset) {
    Objects.requireNonNull(column, "column");
    checkOffset(column, offset);
    return new Span(column, Kind.SCALAR, offset, 1, List.of(), false);
  }

  /** A one-hot span of {@code column} at {@code offset} over {@code labels}, conditionable or not. */
  public static Span oneHot(String column, int offset, List<String> labels, boolean conditionable) {
    Objects.requireNonNull(column, "column");
    checkOffset(column, offset);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("Cannot create a one-hot span of column '" + column + "': it has no labels");
    }
    return new Span(column, Kind.ONE_HOT, offset, labels.size(), List.copyOf(labels), conditionable);
  }

  private static void checkOffset(String column, int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException(
          "Cannot create a span of column '" + column + "': offset " + offset + " is negative");
    }
  }

  /** A copy of this span moved to {@code newOffset}. */
  public Span at(int newOffset) {
    checkOffset(column, newOffset);
    return new Span(column, kind, newOffset, width, labels, conditionable);
  }

  /** The column this span encodes. */
  public String column() {
    return column;
  }

  /** Whether this is a scalar or a one-hot span. */
  public Kind kind() {
    return kind;
  }

  /** The index of the span's first feature. */
  public int offset() {
    return offset;
  }

  /** The number of features in the span (1 for a scalar, the number of labels for a one-hot). */
  public int width() {
    return width;
  }

  /** The index just past the span's last feature. */
  public int end() {
    return offset + width;
  }

  /** The labels of a one-hot span's positions, in order; empty for a scalar span. */
  public List<String> labels() {
    return labels;
  }

  /** Whether this is a one-hot span. */
  public boolean isOneHot() {
    return kind == Kind.ONE_HOT;
  }

  /** Whether the conditional vector is built over this span (one-hot spans of categorical and label columns). */
  public boolean isConditionable() {
    return conditionable;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Span)) {
      return false;
    }
    Span that = (Span) other;
    return column.equals(that.column)
        && kind == that.kind
        && offset == that.offset
        && width == that.width
        && labels.equals(that.labels)
        && conditionable == that.conditionable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, kind, offset, width, labels, conditionable);
  }

  @Override
  public String toString() {
    return column + "[" + offset + ", " + end() + ") " + kind.activation() + (conditionable ? " conditionable" : "");
  }
}
