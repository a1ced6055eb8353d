package io.synthforge.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Analytic gradients of the layers against central finite differences (in float, so a few percent). */
class NnGradientTest {
  private static final int ROWS = 6;

  /** Loss = sum(y * weights) so dL/dy = weights. */
  private static double weighted(float[] y, float[] weights, int size) {
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += (double) y[i] * weights[i];
    }
    return sum;
  }

  @Test
  void denseGradientsMatchFiniteDifferences() {
    ParameterSet set = new ParameterSet();
    Dense dense = new Dense(set, 5, 4);
    set.allocate();
    SplittableRandom random = new SplittableRandom(1);
    dense.initialise(random);
    Blas blas = new Blas();
    float[] x = new float[ROWS * 5];
    Randoms.gaussian(random, x, 0, x.length);
    float[] w = new float[ROWS * 4];
    Randoms.gaussian(random, w, 0, w.length);
    float[] y = new float[ROWS * 4];
    float[] dx = new float[ROWS * 5];
    dense.forward(blas, x, ROWS, y);
    set.zeroGradients();
    dense.backward(blas, x, w, ROWS, dx, true, true);
    float[] values = set.values();
    float eps = 1e-2f;
    for (int i = 0; i < set.trainableSize(); i++) {
      float saved = values[i];
      values[i] = saved + eps;
      dense.forward(blas, x, ROWS, y);
      double plus = weighted(y, w, y.length);
      values[i] = saved - eps;
      dense.forward(blas, x, ROWS, y);
      double minus = weighted(y, w, y.length);
      values[i] = saved;
      assertEquals((plus - minus) / (2 * eps), set.gradients()[i], 2e-3, "parameter " + i);
    }
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = saved + eps;
      dense.forward(blas, x, ROWS, y);
      double plus = weighted(y, w, y.length);
      x[i] = saved - eps;
      dense.forward(blas, x, ROWS, y);
      double minus = weighted(y, w, y.length);
      x[i] = saved;
      assertEquals((plus - minus) / (2 * eps), dx[i], 2e-3, "input " + i);
    }
  }

  @Test
  void batchNormGradientsMatchFiniteDifferences() {
    ParameterSet set = new ParameterSet();
    BatchNorm1d norm = new BatchNorm1d(set, 3, 0.1, 1e-5);
    set.allocate();
    norm.initialise();
    SplittableRandom random = new SplittableRandom(2);
    float[] values = set.values();
    for (int j = 0; j < 6; j++) {
      values[j] = (float) random.nextDouble(0.5, 1.5);
    }
    float[] x = new float[ROWS * 3];
    Randoms.gaussian(random, x, 0, x.length);
    float[] w = new float[ROWS * 3];
    Randoms.gaussian(random, w, 0, w.length);
    float[] y = x.clone();
    norm.forward(y, ROWS, true);
    float[] dx = w.clone();
    set.zeroGradients();
    norm.backward(dx, ROWS);
    float eps = 1e-2f;
    for (int i = 0; i < set.trainableSize(); i++) {
      float saved = values[i];
      values[i] = saved + eps;
      y = x.clone();
      norm.forward(y, ROWS, true);
      double plus = weighted(y, w, y.length);
      values[i] = saved - eps;
      y = x.clone();
      norm.forward(y, ROWS, true);
      double minus = weighted(y, w, y.length);
      values[i] = saved;
      assertEquals((plus - minus) / (2 * eps), set.gradients()[i], 5e-3, "parameter " + i);
    }
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = saved + eps;
      y = x.clone();
      norm.forward(y, ROWS, true);
      double plus = weighted(y, w, y.length);
      x[i] = saved - eps;
      y = x.clone();
      norm.forward(y, ROWS, true);
      double minus = weighted(y, w, y.length);
      x[i] = saved;
      assertEquals((plus - minus) / (2 * eps), dx[i], 1e-2, "input " + i);
    }
  }

  @Test
  void batchNormTracksRunningStatisticsAndUsesThemInEvaluation() {
    ParameterSet set = new ParameterSet();
    BatchNorm1d norm = new BatchNorm1d(set, 1, 0.1, 0);
    set.allocate();
    norm.initialise();
    float[] x = {1, 2, 3, 4};
    norm.forward(x.clone(), 4, true);
    float[] values = set.values();
    int mean = norm.runningMeanOffset();
    assertEquals(0.25, values[mean], 1e-6);
    // Unbiased variance 5/3, blended into 1 with momentum 0.1.
    assertEquals(0.9 + 0.1 * 5.0 / 3, values[mean + 1], 1e-6);
    float[] y = {0.25f};
    norm.forward(y, 1, false);
    assertEquals(0, y[0], 1e-6);
  }

  @Test
  void adamMatchesTorchOnAQuadratic() {
    ParameterSet set = new ParameterSet();
    set.reserveTrainable(1);
    set.allocate();
    set.values()[0] = 1f;
    Adam adam = new Adam(set, 0.1, 0.9, 0.999, 1e-8, 0.0);
    // torch.optim.Adam([p], lr=0.1) on loss p^2 from p=1: the first step moves by lr (sign of the gradient).
    set.gradients()[0] = 2 * set.values()[0];
    adam.step(1);
    assertEquals(0.9, set.values()[0], 1e-6);
    for (int t = 2; t <= 200; t++) {
      set.gradients()[0] = 2 * set.values()[0];
      adam.step(t);
    }
    assertTrue(Math.abs(set.values()[0]) < 0.05, "Adam converges on p^2, got " + set.values()[0]);
  }

  @Test
  void adamAddsCoupledWeightDecayToTheGradient() {
    ParameterSet set = new ParameterSet();
    set.reserveTrainable(1);
    set.allocate();
    set.values()[0] = 2f;
    Adam adam = new Adam(set, 0.1, 0.9, 0.999, 1e-8, 0.5);
    set.gradients()[0] = -1f;
    // The gradient plus decay is -1 + 0.5 * 2 = 0: the first step does not move.
    adam.step(1);
    assertEquals(2f, set.values()[0], 1e-6);
  }
}
