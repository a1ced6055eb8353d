package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Randoms;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The analytic gradient of the WGAN-GP penalty against central finite differences, along random directions of
 * each layer's weights and biases (dropout masks fixed by reseeding; the leaky ReLU makes the penalty piecewise
 * smooth, so the step is small enough not to cross a kink in practice).
 */
class CriticPenaltyTest {
  private static final int ROWS = 4;
  private static final int INPUT = 7;

  @Test
  void penaltyGradientMatchesFiniteDifferences() {
    Critic critic = new Critic(INPUT, new int[] {6, 5}, 0.2, 0.5);
    critic.initialise(new SplittableRandom(1));
    Blas blas = new Blas();
    float[] x = new float[ROWS * INPUT];
    Randoms.gaussian(new SplittableRandom(2), x, 0, x.length);
    float[] values = critic.parameters().values();
    // Scale the weights up so that gradient norms straddle 1 and the penalty is not trivially flat.
    for (int i = 0; i < values.length; i++) {
      values[i] *= 2.5f;
    }
    float lambda = 10f;
    critic.parameters().zeroGradients();
    double penalty = critic.gradientPenalty(blas, x, ROWS, lambda, new SplittableRandom(3));
    float[] analytic = critic.parameters().gradients().clone();
    SplittableRandom directions = new SplittableRandom(4);
    int size = critic.parameters().trainableSize();
    float eps = 2e-3f;
    for (int trial = 0; trial < 8; trial++) {
      float[] direction = new float[size];
      Randoms.gaussian(directions, direction, 0, size);
      double expected = 0;
      for (int i = 0; i < size; i++) {
        expected += analytic[i] * direction[i];
      }
      float[] saved = values.clone();
      for (int i = 0; i < size; i++) {
        values[i] = saved[i] + eps * direction[i];
      }
      double plus = critic.gradientPenalty(blas, x, ROWS, lambda, new SplittableRandom(3));
      for (int i = 0; i < size; i++) {
        values[i] = saved[i] - eps * direction[i];
      }
      double minus = critic.gradientPenalty(blas, x, ROWS, lambda, new SplittableRandom(3));
      System.arraycopy(saved, 0, values, 0, values.length);
      double numeric = (plus - minus) / (2 * eps);
      assertEquals(numeric, expected, 2e-2 * Math.max(1, Math.abs(numeric)),
          "directional derivative " + trial + " (penalty " + penalty + ")");
    }
  }
}
