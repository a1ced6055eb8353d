package io.synthforge.model.gan;

import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Dense;
import io.synthforge.model.nn.Dropout;
import io.synthforge.model.nn.ParameterSet;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CTGAN's discriminator (a WGAN critic) over PacGAN groups: each input row is {@code pac} concatenated samples;
 * hidden layers {@code Linear -> LeakyReLU -> Dropout}, then {@code Linear -> 1}.
 *
 * <p><b>Gradient penalty without double back-propagation.</b> With the dropout masks fixed and the leaky-ReLU
 * slopes piecewise constant, the critic's input gradient is a product of linear maps: with
 * {@code d_l = slope_l ⊙ mask_l}, {@code u_L = w_out ⊙ d_L}, {@code u_(l-1) = (u_l W_l^T) ⊙ d_(l-1)} and
 * {@code g = u_1 W_1^T}. The penalty {@code lambda * mean((|g| - 1)^2)} is then differentiated through these maps
 * exactly (almost everywhere, as autograd does): {@code dW_1 += G^T u_1}, {@code dU_1 = G W_1}, and for each
 * further layer {@code r = dU ⊙ d}, {@code dW += r^T u}, {@code dU = r W}; biases get no penalty gradient.
 */
final class Critic {
  private final ParameterSet parameters = new ParameterSet();
  /** The hidden layers, then the output layer. */
  private final Dense[] layers;
  private final Dense[] hidden;
  private final Dropout[] dropouts;
  private final Dense out;
  private final int inputWidth;
  private final float slope;
  private int capacity;
  private float[][] activated;
  private float[][] dropped;
  private float[][] gradHidden;
  private float[][] slopeMasks;
  private float[][] inputGradientFactors;
  private float[][] gradFactors;
  private float[] scores;
  private float[] gradScores;
  private float[] inputGradient;

  Critic(int inputWidth, int[] dims, double slope, double dropout) {
    this.inputWidth = inputWidth;
    this.slope = (float) slope;
    this.layers = Dense.chain(parameters, inputWidth, dims, 1);
    this.hidden = Arrays.copyOf(layers, dims.length);
    this.out = layers[dims.length];
    this.dropouts = new Dropout[dims.length];
    for (int i = 0; i < dims.length; i++) {
      dropouts[i] = new Dropout(dropout);
    }
    parameters.allocate();
  }

  void initialise(SplittableRandom random) {
    Dense.initialise(layers, random);
  }

  ParameterSet parameters() {
    return parameters;
  }

  int inputWidth() {
    return inputWidth;
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    activated = new float[hidden.length][];
    dropped = new float[hidden.length][];
    gradHidden = new float[hidden.length][];
    slopeMasks = new float[hidden.length][];
    inputGradientFactors = new float[hidden.length][];
    gradFactors = new float[hidden.length][];
    for (int i = 0; i < hidden.length; i++) {
      int size = rows * hidden[i].out();
      activated[i] = new float[size];
      dropped[i] = new float[size];
      gradHidden[i] = new float[size];
      slopeMasks[i] = new float[size];
      inputGradientFactors[i] = new float[size];
      gradFactors[i] = new float[size];
    }
    scores = new float[rows];
    gradScores = new float[rows];
    inputGradient = new float[rows * inputWidth];
  }

  /** Scores {@code rows} pac rows of {@code x}, drawing dropout masks from {@code random}; returns the scores. */
  float[] forward(Blas blas, float[] x, int rows, SplittableRandom random) {
    ensureCapacity(rows);
    float[] h = x;
    for (int i = 0; i < hidden.length; i++) {
      int size = rows * hidden[i].out();
      hidden[i].forward(blas, h, rows, activated[i]);
      Activations.leakyRelu(activated[i], size, slope);
      System.arraycopy(activated[i], 0, dropped[i], 0, size);
      dropouts[i].forward(dropped[i], size, random);
      h = dropped[i];
    }
    out.forward(blas, h, rows, scores);
    return scores;
  }

  /**
   * Back-propagates {@code dScores} through the last forward pass: accumulates parameter gradients when
   * {@code parameterGradients}, and returns the input gradient when {@code inputGradient} (else null).
   */
  float[] backward(Blas blas, float[] x, float[] dScores, int rows, boolean parameterGradients,
      boolean wantInputGradient) {
    int top = hidden.length - 1;
    float[] h = top >= 0 ? dropped[top] : x;
    float[] dx = top >= 0 ? gradHidden[top] : (wantInputGradient ? inputGradient : null);
    out.backward(blas, h, dScores, rows, dx, parameterGradients, true);
    for (int i = top; i >= 0; i--) {
      int size = rows * hidden[i].out();
      dropouts[i].backward(gradHidden[i], size);
      Activations.leakyReluBackward(activated[i], gradHidden[i], size, slope);
      float[] below = i == 0 ? x : dropped[i - 1];
      float[] dBelow = i == 0 ? (wantInputGradient ? inputGradient : null) : gradHidden[i - 1];
      hidden[i].backward(blas, below, gradHidden[i], rows, dBelow, parameterGradients, true);
    }
    return wantInputGradient ? inputGradient : null;
  }

  /** The gradient buffer for {@link #backward}'s scores, sized for {@code rows}. */
  float[] scoreGradient(int rows) {
    ensureCapacity(rows);
    return gradScores;
  }

  /**
   * Forward pass on {@code x} (interpolates) then the penalty {@code lambda * mean_rows((|dD/dx| - 1)^2)}; adds
   * its parameter gradient (see the class comment) and returns its value.
   */
  double gradientPenalty(Blas blas, float[] x, int rows, float lambda, SplittableRandom random) {
    forward(blas, x, rows, random);
    float[] values = parameters.values();
    float[] gradients = parameters.gradients();
    int layers = hidden.length;
    // d_l = leaky slope ⊙ dropout mask; u_L = w_out ⊙ d_L; u_(l-1) = (u_l W_l^T) ⊙ d_(l-1).
    for (int i = 0; i < layers; i++) {
      int size = rows * hidden[i].out();
      float[] mask = dropouts[i].mask();
      float[] d = slopeMasks[i];
      for (int j = 0; j < size; j++) {
        d[j] = (activated[i][j] > 0f ? 1f : slope) * mask[j];
      }
    }
    int top = layers - 1;
    int topWidth = hidden[top].out();
    float[] u = inputGradientFactors[top];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < topWidth; j++) {
        u[r * topWidth + j] = values[out.weightOffset() + j] * slopeMasks[top][r * topWidth + j];
      }
    }
    for (int i = top; i > 0; i--) {
      float[] below = inputGradientFactors[i - 1];
      blas.gemm(false, true, rows, hidden[i].in(), hidden[i].out(), 1f, inputGradientFactors[i], 0, values,
          hidden[i].weightOffset(), 0f, below, 0);
      multiply(below, slopeMasks[i - 1], rows * hidden[i - 1].out());
    }
    float[] g = inputGradient;
    blas.gemm(false, true, rows, inputWidth, hidden[0].out(), 1f, inputGradientFactors[0], 0, values,
        hidden[0].weightOffset(), 0f, g, 0);
    double penalty = 0;
    for (int r = 0; r < rows; r++) {
      double squares = 0;
      for (int j = 0; j < inputWidth; j++) {
        squares += g[r * inputWidth + j] * g[r * inputWidth + j];
      }
      double norm = Math.sqrt(squares);
      penalty += (norm - 1) * (norm - 1);
      // g becomes dPenalty/dg = lambda * 2 (|g| - 1) g / |g| / rows.
      float factor = norm > 0 ? (float) (lambda * 2 * (norm - 1) / norm / rows) : 0f;
      for (int j = 0; j < inputWidth; j++) {
        g[r * inputWidth + j] *= factor;
      }
    }
    // dW_1 += G^T u_1; dU_1 = G W_1.
    blas.gemm(true, false, inputWidth, hidden[0].out(), rows, 1f, g, 0, inputGradientFactors[0], 0, 1f, gradients,
        hidden[0].weightOffset());
    blas.gemm(false, false, rows, hidden[0].out(), inputWidth, 1f, g, 0, values, hidden[0].weightOffset(), 0f,
        gradFactors[0], 0);
    for (int i = 0; i < top; i++) {
      // r = dU_i ⊙ d_i; dW_(i+1) += r^T u_(i+1); dU_(i+1) = r W_(i+1).
      float[] r = gradFactors[i];
      multiply(r, slopeMasks[i], rows * hidden[i].out());
      blas.gemm(true, false, hidden[i + 1].in(), hidden[i + 1].out(), rows, 1f, r, 0, inputGradientFactors[i + 1], 0,
          1f, gradients, hidden[i + 1].weightOffset());
      blas.gemm(false, false, rows, hidden[i + 1].out(), hidden[i + 1].in(), 1f, r, 0, values,
          hidden[i + 1].weightOffset(), 0f, gradFactors[i + 1], 0);
    }
    // u_L = w_out ⊙ d_L: dw_out += sum over rows of dU_L ⊙ d_L.
    float[] dU = gradFactors[top];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < topWidth; j++) {
        gradients[out.weightOffset() + j] += dU[r * topWidth + j] * slopeMasks[top][r * topWidth + j];
      }
    }
    return lambda * penalty / rows;
  }

  private static void multiply(float[] x, float[] factors, int size) {
    for (int i = 0; i < size; i++) {
      x[i] *= factors[i];
    }
  }
}
