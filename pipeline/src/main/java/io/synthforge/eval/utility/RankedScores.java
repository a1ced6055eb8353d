package io.synthforge.eval.utility;

import java.util.Arrays;

/**
 * A binary classifier's scores on the holdout, ranked once, so that the area under the precision–recall curve of
 * any reweighting of the rows (a bootstrap resample) costs one pass. The area is computed as Spark's
 * {@code BinaryClassificationEvaluator} computes {@code areaUnderPR}: one curve point per distinct score, highest
 * first, starting at recall 0 with the first point's precision, integrated by trapezoids. (Spark also merges
 * neighbouring points when there are more than 2,000 distinct scores, per partition; that changes the area very
 * little and is not reproduced.) Spark-free.
 */
final class RankedScores {
  private final boolean[] positive;
  private final double[] scores;
  /** Row indices by descending score. */
  private final int[] order;

  /** {@code labels} (1 positive, 0 negative) and {@code scores} of the same rows; both arrays are kept. */
  RankedScores(double[] labels, double[] scores) {
    if (labels.length != scores.length) {
      throw new IllegalArgumentException(
          "Cannot rank " + scores.length + " scores against " + labels.length + " labels: give one score per label");
    }
    this.positive = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      positive[i] = labels[i] == 1.0;
    }
    this.scores = scores;
    this.order = java.util.stream.IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> Double.compare(scores[b], scores[a])).mapToInt(Integer::intValue).toArray();
  }

  /** The number of rows. */
  int rows() {
    return scores.length;
  }

  /** The area of every row counted once. */
  double area() {
    int[] once = new int[scores.length];
    Arrays.fill(once, 1);
    return area(once);
  }

  /** The area with row {@code i} counted {@code weights[i]} times; NaN when no counted row is positive. */
  double area(int[] weights) {
    // Distinct scores present, highest first, with their positive and negative counts.
    long[] positives = new long[scores.length];
    long[] negatives = new long[scores.length];
    int distinct = 0;
    double current = Double.NaN;
    for (int i : order) {
      if (weights[i] == 0) {
        continue;
      }
      if (distinct == 0 || scores[i] != current) {
        current = scores[i];
        distinct++;
      }
      if (positive[i]) {
        positives[distinct - 1] += weights[i];
      } else {
        negatives[distinct - 1] += weights[i];
      }
    }
    long totalPositives = 0;
    for (int k = 0; k < distinct; k++) {
      totalPositives += positives[k];
    }
    if (totalPositives == 0) {
      return Double.NaN;
    }
    double area = 0;
    double previousRecall = 0;
    double previousPrecision = Double.NaN;
    long truePositives = 0;
    long falsePositives = 0;
    for (int k = 0; k < distinct; k++) {
      truePositives += positives[k];
      falsePositives += negatives[k];
      double recall = (double) truePositives / totalPositives;
      double precision = truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
      if (Double.isNaN(previousPrecision)) {
        previousPrecision = precision;
      }
      area += (recall - previousRecall) * (precision + previousPrecision) / 2;
      previousRecall = recall;
      previousPrecision = precision;
    }
    return area;
  }
}
