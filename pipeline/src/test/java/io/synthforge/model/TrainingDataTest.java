package io.synthforge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
  private static final ModelFixtures FIXTURE = ModelFixtures.build();

  private static double[] drawnShares(TrainingData data, int span, int draws) {
    SplittableRandom random = new SplittableRandom(1);
    double[] shares = new double[data.layout().spans().get(span).width()];
    for (int i = 0; i < draws; i++) {
      shares[(int) data.compactValue(data.randomRow(random), span)] += 1.0 / draws;
    }
    return shares;
  }

  @Test
  void oversamplingLiftsRareCategoriesToTheFloorAndScalesTheOthers() {
    TrainingData data = FIXTURE.data();
    int city = 0;
    double[] real = ModelFixtures.shares(data, city);
    double[] drawn = drawnShares(data.oversampled(city, 0.3), city, 200_000);

    // Nice (~10%) is lifted to 30%; Paris and Lyon share the remaining 70% in their real proportion.
    int nice = real[0] < 0.2 ? 0 : real[1] < 0.2 ? 1 : 2;
    assertEquals(0.3, drawn[nice], 0.005);
    double common = 1 - real[nice];
    for (int k = 0; k < real.length; k++) {
      if (k != nice) {
        assertEquals(0.7 * real[k] / common, drawn[k], 0.005);
      }
    }
    // Without oversampling, draws follow the data.
    double[] plain = drawnShares(data, city, 200_000);
    for (int k = 0; k < real.length; k++) {
      assertEquals(real[k], plain[k], 0.005);
    }
  }

  @Test
  void theLabelSpanIsTheFirstLabelColumnsOneHot() {
    int label = FIXTURE.transformer().labelSpan().orElseThrow();

    assertEquals("churn", FIXTURE.transformer().layout().spans().get(label).column());
  }

  @Test
  void oversamplingNeedsAOneHotSpanAndAShareBelowHalf() {
    TrainingData data = FIXTURE.data();
    int amountScalar = 2;

    assertThrows(IllegalArgumentException.class, () -> data.oversampled(amountScalar, 0.1));
    assertThrows(IllegalArgumentException.class, () -> data.oversampled(0, 0.5));
  }
}
