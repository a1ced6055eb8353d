package io.synthforge.eval.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PR AUC of ranked scores (weighted by resample counts) and the paired bootstrap of a ratio of two of them. */
class PairedBootstrapTest {
  @Test
  void areaFollowsSparksCurveFromRecallZeroWithTiesAsOnePoint() {
    RankedScores scores = new RankedScores(new double[] {1, 0, 1, 0, 0}, new double[] {0.9, 0.8, 0.7, 0.6, 0.6});
    // Points (recall, precision): (0, 1), (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 2/5).
    assertEquals(19.0 / 24, scores.area(), 1e-12);
    // Row 0 twice, row 4 left out: (0, 1), (2/3, 1), (2/3, 2/3), (1, 3/4), (1, 3/5).
    assertEquals(65.0 / 72, scores.area(new int[] {2, 1, 1, 1, 0}), 1e-12);
    assertTrue(Double.isNaN(scores.area(new int[] {0, 1, 0, 1, 1})), "no positive row counted");
  }

  /** 2,000 rows, 2 % positive; one model ranks by a noisy signal, another by a noisier one. */
  private static double[][] holdout() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] columns = new double[3][2_000];
    for (int i = 0; i < 2_000; i++) {
      columns[0][i] = i % 50 == 0 ? 1 : 0;
      columns[1][i] = columns[0][i] * 2 + random.nextGaussian();
      columns[2][i] = columns[0][i] + random.nextGaussian();
    }
    return columns;
  }

  @Test
  void theSameModelTwiceHasARatioOfExactlyOne() {
    double[][] data = holdout();
    RankedScores model = new RankedScores(data[0], data[1]);
    RatioInterval interval = PairedBootstrap.prAucRatio(model, new RankedScores(data[0], data[1]), 100, 7);
    assertEquals(new RatioInterval(1.0, 1.0, 100), interval);
  }

  @Test
  void aWeakerModelsRatioIntervalLiesBelowOneAndAroundItsRatio() {
    double[][] data = holdout();
    RankedScores strong = new RankedScores(data[0], data[1]);
    RankedScores weak = new RankedScores(data[0], data[2]);
    double ratio = weak.area() / strong.area();
    RatioInterval interval = PairedBootstrap.prAucRatio(weak, strong, 200, 11);
    assertEquals(200, interval.replicates());
    assertTrue(interval.low() < ratio && ratio < interval.high(), ratio + " in " + interval);
    assertTrue(interval.high() < 1, interval.toString());
    // 40 positive rows: the ratio is uncertain by far more than a rounding error.
    assertTrue(interval.high() - interval.low() > 0.05, interval.toString());
    assertEquals(interval, PairedBootstrap.prAucRatio(weak, strong, 200, 11), "deterministic by seed");
  }

  @Test
  void refusesToPairHoldoutsOfDifferentSizes() {
    RankedScores three = new RankedScores(new double[] {1, 0, 0}, new double[] {3, 2, 1});
    RankedScores two = new RankedScores(new double[] {1, 0}, new double[] {2, 1});
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.prAucRatio(three, two, 10, 1));
    assertEquals("Cannot pair 3 scored rows with 2: both models must score the same holdout", error.getMessage());
  }
}
