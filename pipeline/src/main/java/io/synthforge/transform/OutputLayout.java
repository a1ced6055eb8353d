package io.synthforge.transform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract between the transformer, the condition sampler and the generator head: the ordered, contiguous
 * {@link Span spans} of the feature vector. Immutable.
 */
public final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Span> spans;
  private final int width;
  private final Map<String, List<Span>> spansByColumn;
  private final List<Span> discreteSpans;
  private final List<Span> conditionableSpans;

  private OutputLayout(List<Span> spans) {
    this.spans = List.copyOf(spans);
    Map<String, List<Span>> byColumn = new LinkedHashMap<>();
    List<Span> discrete = new ArrayList<>();
    List<Span> conditionable = new ArrayList<>();
    int expectedOffset = 0;
    for (Span span : spans) {
      if (span.offset() != expectedOffset) {
        throw new IllegalArgumentException("Cannot build output layout: span " + span
            + " starts at " + span.offset() + " but the previous span ends at " + expectedOffset);
      }
      expectedOffset = span.end();
      byColumn.computeIfAbsent(span.column(), name -> new ArrayList<>()).add(span);
      if (span.isOneHot()) {
        discrete.add(span);
      }
      if (span.isConditionable()) {
        conditionable.add(span);
      }
    }
    Map<String, List<Span>> frozen = new LinkedHashMap<>();
    byColumn.forEach((column, columnSpans) -> frozen.put(column, List.copyOf(columnSpans)));
    this.width = expectedOffset;
    this.spansByColumn = frozen;
    this.discreteSpans = List.copyOf(discrete);
    this.conditionableSpans = List.copyOf(conditionable);
  }

  /** A layout of {@code spans}, which must be contiguous and start at offset 0. */
  public static OutputLayout of(List<Span> spans) {
    return new OutputLayout(spans);
  }

  /** All spans in feature order. */
  public List<Span> spans() {
    return spans;
  }

  /** The total number of features (the sum of the span widths). */
  public int width() {
    return width;
  }

  /** The columns covered, in feature order. */
  public List<String> columns() {
    return List.copyOf(spansByColumn.keySet());
  }

  /** The spans of {@code column} in feature order; empty when the layout does not cover it. */
  public List<Span> spansOf(String column) {
    return spansByColumn.getOrDefault(column, List.of());
  }

  /** Every one-hot span (categorical columns and the mode indicators of continuous columns). */
  public List<Span> discreteSpans() {
    return discreteSpans;
  }

  /** The one-hot spans of categorical and label columns, over which the conditional vector is built. */
  public List<Span> conditionableSpans() {
    return conditionableSpans;
  }

  /** The width of the conditional vector: the summed widths of the conditionable spans. */
  public int conditionWidth() {
    int total = 0;
    for (Span span : conditionableSpans) {
      total += span.width();
    }
    return total;
  }

  /**
   * The compact form of a dense feature vector: one value per span, the scalar itself for a scalar span and
   * the index of the hottest position for a one-hot span. Datasets store this form (a 2,000-category column
   * costs one float, not 2,000); training expands it with {@link #expand}.
   */
  public void compact(float[] dense, int denseOffset, float[] compact, int compactOffset) {
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      int start = denseOffset + span.offset();
      if (!span.isOneHot()) {
        compact[compactOffset + s] = dense[start];
        continue;
      }
      int best = 0;
      for (int i = 1; i < span.width(); i++) {
        if (dense[start + i] > dense[start + best]) {
          best = i;
        }
      }
      compact[compactOffset + s] = best;
    }
  }

  /** Writes the dense vector of a compact one (see {@link #compact}) into {@code dense}, zeroing one-hot spans first. */
  public void expand(float[] compact, int compactOffset, float[] dense, int denseOffset) {
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      int start = denseOffset + span.offset();
      if (!span.isOneHot()) {
        dense[start] = compact[compactOffset + s];
        continue;
      }
      java.util.Arrays.fill(dense, start, start + span.width(), 0f);
      dense[start + (int) compact[compactOffset + s]] = 1f;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutputLayout && spans.equals(((OutputLayout) other).spans);
  }

  @Override
  public int hashCode() {
    return spans.hashCode();
  }

  @Override
  public String toString() {
    return "OutputLayout(width=" + width + ", " + spans + ")";
  }
}
