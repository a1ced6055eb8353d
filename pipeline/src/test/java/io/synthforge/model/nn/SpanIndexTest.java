package io.synthforge.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
