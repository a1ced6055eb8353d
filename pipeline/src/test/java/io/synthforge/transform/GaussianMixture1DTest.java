package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMixture1DTest {

  static double[] bimodal(int n, long seed) {
    Random random = new Random(seed);
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = random.nextDouble() < 0.3 ? random.nextGaussian() : 20 + 2 * random.nextGaussian();
    }
    return data;
  }

  @Test
  void recoversTwoSeparatedModesAndPrunesTheRest() {
    GaussianMixture1D mixture = GaussianMixture1D.fitter().maxComponents(10).seed(7).fit(bimodal(4000, 1));

    assertEquals(2, mixture.size(), mixture.toString());
    assertEquals(0.0, mixture.mean(0), 0.15);
    assertEquals(20.0, mixture.mean(1), 0.2);
    assertEquals(1.0, mixture.stdDev(0), 0.1);
    assertEquals(2.0, mixture.stdDev(1), 0.15);
    assertEquals(0.3, mixture.weight(0), 0.03);
    assertEquals(0.7, mixture.weight(1), 0.03);
    assertEquals(0, mixture.mostLikely(-1.0));
    assertEquals(1, mixture.mostLikely(19.0));
  }

  @Test
  void fitsOneComponentToOneGaussian() {
    Random random = new Random(3);
    double[] data = new double[3000];
    for (int i = 0; i < data.length; i++) {
      data[i] = 50 + 5 * random.nextGaussian();
    }
    GaussianMixture1D mixture = GaussianMixture1D.fitter().seed(11).fit(data);

    assertEquals(1, mixture.size(), mixture.toString());
    assertEquals(50.0, mixture.mean(0), 0.3);
    assertEquals(5.0, mixture.stdDev(0), 0.3);
  }

  @Test
  void isDeterministicForASeed() {
    double[] data = bimodal(2000, 5);

    assertEquals(GaussianMixture1D.fitter().seed(42).fit(data), GaussianMixture1D.fitter().seed(42).fit(data));
  }

  @Test
  void floorsTheDeviationOfTiedValues() {
    double[] data = {5, 5, 5, 5, 5};
    GaussianMixture1D mixture = GaussianMixture1D.fitter().minStdDev(0.5).fit(data);

    assertEquals(1, mixture.size());
    assertEquals(5.0, mixture.mean(0), 0.0);
    assertEquals(0.5, mixture.stdDev(0), 0.0);
  }

  @Test
  void fitsNothingToAnEmptySample() {
    assertEquals(0, GaussianMixture1D.fitter().fit(new double[0]).size());
  }
}
