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
  void binnedFitMatchesTheFitOnEveryValue() {
    double[] data = bimodal(20_000, 9);
    GaussianMixture1D binned = GaussianMixture1D.fitter().seed(3).fit(data);
    GaussianMixture1D exact = GaussianMixture1D.fitter().seed(3).maxPoints(Integer.MAX_VALUE).fit(data);

    assertEquals(2, binned.size(), binned.toString());
    assertEquals(exact.size(), binned.size(), exact + " vs " + binned);
    for (int k = 0; k < exact.size(); k++) {
      assertEquals(exact.weight(k), binned.weight(k), 1e-3, exact + " vs " + binned);
      assertEquals(exact.mean(k), binned.mean(k), 0.01 * exact.stdDev(k), exact + " vs " + binned);
      assertEquals(exact.stdDev(k), binned.stdDev(k), 0.01 * exact.stdDev(k), exact + " vs " + binned);
    }
    for (double x = -4; x <= 28; x += 0.5) {
      assertEquals(exact.logDensity(x), binned.logDensity(x), 0.01, "log density at " + x);
    }
  }

  @Test
  void fitsFewDistinctValuesExactlyByTheirCounts() {
    // Integer values, ~90 distinct: fitted exactly as weighted points (no binning).
    Random random = new Random(13);
    double[] ages = new double[5000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = Math.round(38 + 13 * random.nextGaussian());
    }
    GaussianMixture1D mixture = GaussianMixture1D.fitter().seed(5).minStdDev(0.5).fit(ages);

    assertEquals(1, mixture.size(), mixture.toString());
    assertEquals(38.0, mixture.mean(0), 0.6);
    assertEquals(13.0, mixture.stdDev(0), 0.6);
  }

  @Test
  void keepsASmallSeparatedModeOfAWideSample() {
    // A heavy-tailed bulk with a narrow mode far out: the bins must not smear the small mode away.
    Random random = new Random(17);
    double[] data = new double[20_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i % 50 == 0 ? 1000 + random.nextGaussian() : Math.exp(2 + 0.5 * random.nextGaussian());
    }
    GaussianMixture1D mixture = GaussianMixture1D.fitter().seed(1).fit(data);

    int last = mixture.size() - 1;
    assertEquals(1000.0, mixture.mean(last), 0.5, mixture.toString());
    assertEquals(0.02, mixture.weight(last), 0.003, mixture.toString());
  }

  @Test
  void fitsNothingToAnEmptySample() {
    assertEquals(0, GaussianMixture1D.fitter().fit(new double[0]).size());
  }
}
