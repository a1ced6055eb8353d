package io.synthforge.eval.utility;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A paired bootstrap of the holdout: each resample draws the holdout's rows with replacement and scores both models
 * on it, so the interval of their PR AUC ratio shows how much the ratio owes to the few positive rows a small
 * holdout holds (a rare label with a few dozen of them moves it by tenths). Spark-free.
 */
final class PairedBootstrap {
  private PairedBootstrap() {}

  /**
   * The 95 % interval of PR AUC(synthetic-trained) / PR AUC(real-trained) over {@code replicates} resamples drawn
   * from {@code seed}; resamples without a positive row, or where the real-trained area is 0, are left out.
   */
  static RatioInterval prAucRatio(RankedScores synthetic, RankedScores real, int replicates, long seed) {
    if (synthetic.rows() != real.rows()) {
      throw new IllegalArgumentException("Cannot pair " + synthetic.rows() + " scored rows with " + real.rows()
          + ": both models must score the same holdout");
    }
    int rows = real.rows();
    if (rows == 0 || replicates < 1) {
      return RatioInterval.NONE;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] ratios = new double[replicates];
    int kept = 0;
    int[] weights = new int[rows];
    for (int b = 0; b < replicates; b++) {
      Arrays.fill(weights, 0);
      for (int i = 0; i < rows; i++) {
        weights[random.nextInt(rows)]++;
      }
      double base = real.area(weights);
      if (Double.isNaN(base) || base == 0) {
        continue;
      }
      ratios[kept++] = synthetic.area(weights) / base;
    }
    if (kept == 0) {
      return RatioInterval.NONE;
    }
    double[] sorted = Arrays.copyOf(ratios, kept);
    Arrays.sort(sorted);
    return new RatioInterval(percentile(sorted, 0.025), percentile(sorted, 0.975), kept);
  }

  /** The nearest-rank percentile {@code p} of ascending {@code sorted}. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
