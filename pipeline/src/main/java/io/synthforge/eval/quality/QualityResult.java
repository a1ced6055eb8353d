package io.synthforge.eval.quality;

import java.util.List;

/**
 * The SDMetrics Quality Report numbers: the mean of the column shapes and the column pair trends scores, each the
 * mean over its columns or pairs (NaN entries skipped).
 *
 * @param score mean of {@code columnShapes} and {@code columnPairTrends}
 * @param columnShapes mean column shape score
 * @param columnPairTrends mean pair trend score
 * @param shapes one entry per numeric, categorical and label column
 * @param pairs one entry per pair of those columns
 */
public record QualityResult(
    double score, double columnShapes, double columnPairTrends, List<ColumnShape> shapes, List<PairTrend> pairs) {
  public QualityResult {
    shapes = List.copyOf(shapes);
    pairs = List.copyOf(pairs);
  }
}
