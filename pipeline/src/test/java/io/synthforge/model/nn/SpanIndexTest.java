package io.synthforge.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanIndexTest {
  @Test
  void sampleDrawsFromTheSoftmaxOfTheSpan() {
    // Logits at offset 2 of a larger row; softmax of (2, 0, -1, 1) = (0.6103, 0.0826, 0.0304, 0.2245).
    float[] row = {9f, 9f, 2f, 0f, -1f, 1f, 9f};
    float[] expected = new float[row.length];
    SpanIndex.softmax(row, expected, 2, 4, 1f);
    int draws = 400_000;
    double[] counts = new double[4];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < draws; i++) {
      counts[SpanIndex.sample(row, 2, 4, random, new double[4])]++;
    }
    for (int k = 0; k < 4; k++) {
      double share = counts[k] / draws;
      // Five binomial standard deviations.
      double tolerance = 5 * Math.sqrt(expected[2 + k] * (1 - expected[2 + k]) / draws);
      assertEquals(expected[2 + k], share, tolerance, "category " + k);
    }
  }

  @Test
  void aDominantLogitIsAlwaysDrawnAndOneCategoryIsTrivial() {
    float[] logits = {-200f, 50f, -200f};
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      assertEquals(1, SpanIndex.sample(logits, 0, 3, random, new double[3]));
      assertEquals(0, SpanIndex.sample(logits, 1, 1, random, new double[1]));
    }
  }

  @Test
  void theTableExponentialIsWithinThreeTenBillionthsOfMathExp() {
    for (int i = 0; i <= 880_000; i++) {
      float d = -i / 10_000f;
      double expected = Math.exp(d);
      double actual = SpanIndex.expNonPositive(d);
      if (d > -88f) {
        assertEquals(expected, actual, 3e-10 * expected, "exp(" + d + ")");
      } else {
        assertEquals(0.0, actual, "exp(" + d + ") underflows a float");
      }
    }
    assertEquals(1.0, SpanIndex.expNonPositive(0f));
    assertEquals(1.0, SpanIndex.expNonPositive(-0f));
    assertEquals(0.0, SpanIndex.expNonPositive(Float.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(SpanIndex.expNonPositive(Float.NaN)));
  }
}
