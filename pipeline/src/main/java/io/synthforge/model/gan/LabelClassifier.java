package io.synthforge.model.gan;

import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Dense;
import io.synthforge.model.nn.ParameterSet;
import io.synthforge.model.nn.SpanIndex;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CTAB-GAN's auxiliary classifier (Zhao et al. 2021): an MLP that predicts the label span of a transformed row from
 * the row's other values, fitted on real rows, whose cross-entropy on generated rows becomes a generator loss. The
 * critic sees a rare pattern (a large capital gain with its label) only in a few rows of a batch and lets a third of
 * them carry the wrong label; this loss holds every generated row to the label the real rows give such values.
 *
 * <p>Hidden layers {@code Linear -> LeakyReLU(0.2)}, then {@code Linear -> label logits}. The label span of the
 * input is zeroed, so the prediction reads only the other columns.
 */
final class LabelClassifier {
  private static final float SLOPE = 0.2f;

  private final ParameterSet parameters = new ParameterSet();
  /** The hidden layers, then the output layer. */
  private final Dense[] layers;
  private final Dense[] hidden;
  private final Dense out;
  private final int width;
  private final int labelOffset;
  private final int labelWidth;
  private int capacity;
  private float[] input;
  private float[] inputGradient;
  private float[][] activated;
  private float[][] gradHidden;
  private float[] logits;
  private float[] probabilities;

  /** A classifier of rows {@code width} wide whose label one-hot is at {@code [labelOffset, +labelWidth)}. */
  LabelClassifier(int width, int labelOffset, int labelWidth, int[] dims) {
    this.width = width;
    this.labelOffset = labelOffset;
    this.labelWidth = labelWidth;
    this.layers = Dense.chain(parameters, width, dims, labelWidth);
    this.hidden = Arrays.copyOf(layers, dims.length);
    this.out = layers[dims.length];
    parameters.allocate();
  }

  void initialise(SplittableRandom random) {
    Dense.initialise(layers, random);
  }

  ParameterSet parameters() {
    return parameters;
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    input = new float[rows * width];
    inputGradient = new float[rows * width];
    activated = new float[hidden.length][];
    gradHidden = new float[hidden.length][];
    for (int i = 0; i < hidden.length; i++) {
      activated[i] = new float[rows * hidden[i].out()];
      gradHidden[i] = new float[rows * hidden[i].out()];
    }
    logits = new float[rows * labelWidth];
    probabilities = new float[rows * labelWidth];
  }

  /**
   * Adds the gradient of the mean cross-entropy between the predicted label of {@code rows} rows of {@code x} (row
   * {@code r} at {@code r * stride}) and their own label span to the parameters' gradients; returns that loss.
   */
  double fit(Blas blas, float[] x, int stride, int rows) {
    double loss = forward(blas, x, stride, rows);
    crossEntropyGradient(x, stride, rows, 1f / rows);
    backward(blas, rows, true, false);
    return loss;
  }

  /**
   * The generator's term: {@code weight} times the mean cross-entropy between the label span of {@code rows} rows of
   * {@code x} (taken as the target distribution) and the label predicted from their other values. Adds its
   * gradient with respect to {@code x} (the predicted side through the network, the target side as
   * {@code -log q}) to {@code gradient}, same layout; the parameters' gradients are left alone. Returns the term.
   */
  double guide(Blas blas, float[] x, int rows, float weight, float[] gradient) {
    double loss = forward(blas, x, width, rows);
    float scale = weight / rows;
    crossEntropyGradient(x, width, rows, scale);
    backward(blas, rows, false, true);
    for (int r = 0; r < rows; r++) {
      int row = r * width;
      for (int j = 0; j < width; j++) {
        if (j < labelOffset || j >= labelOffset + labelWidth) {
          gradient[row + j] += inputGradient[row + j];
        }
      }
      for (int k = 0; k < labelWidth; k++) {
        // d(-sum_k t_k log q_k) / dt_k = -log q_k.
        gradient[row + labelOffset + k] -= scale * (float) Math.log(Math.max(probabilities[r * labelWidth + k], 1e-12f));
      }
    }
    return weight * loss;
  }

  /**
   * The predicted label distribution of {@code rows} rows of {@code x} (row {@code r}'s at {@code r * labelWidth} of
   * the returned buffer, valid until the next call).
   */
  float[] predict(Blas blas, float[] x, int rows) {
    forward(blas, x, width, rows);
    return probabilities;
  }

  /** Runs the network on the rows with their label span zeroed; returns the mean cross-entropy against that span. */
  private double forward(Blas blas, float[] x, int stride, int rows) {
    ensureCapacity(rows);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r * stride, input, r * width, width);
      Arrays.fill(input, r * width + labelOffset, r * width + labelOffset + labelWidth, 0f);
    }
    float[] h = input;
    for (int i = 0; i < hidden.length; i++) {
      hidden[i].forward(blas, h, rows, activated[i]);
      Activations.leakyRelu(activated[i], rows * hidden[i].out(), SLOPE);
      h = activated[i];
    }
    out.forward(blas, h, rows, logits);
    double loss = 0;
    for (int r = 0; r < rows; r++) {
      int start = r * labelWidth;
      double logNormaliser = SpanIndex.softmax(logits, probabilities, start, labelWidth, 1f);
      for (int k = 0; k < labelWidth; k++) {
        loss -= x[r * stride + labelOffset + k] * (logits[start + k] - logNormaliser);
      }
    }
    return loss / rows;
  }

  /** Writes {@code scale * (q - t)}, the cross-entropy's gradient with respect to the logits, into the logits. */
  private void crossEntropyGradient(float[] x, int stride, int rows, float scale) {
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < labelWidth; k++) {
        int i = r * labelWidth + k;
        logits[i] = scale * (probabilities[i] - x[r * stride + labelOffset + k]);
      }
    }
  }

  private void backward(Blas blas, int rows, boolean parameterGradients, boolean wantInputGradient) {
    int top = hidden.length - 1;
    float[] h = top >= 0 ? activated[top] : input;
    float[] dh = top >= 0 ? gradHidden[top] : (wantInputGradient ? inputGradient : null);
    out.backward(blas, h, logits, rows, dh, parameterGradients, true);
    for (int i = top; i >= 0; i--) {
      Activations.leakyReluBackward(activated[i], gradHidden[i], rows * hidden[i].out(), SLOPE);
      float[] below = i == 0 ? input : activated[i - 1];
      float[] dBelow = i == 0 ? (wantInputGradient ? inputGradient : null) : gradHidden[i - 1];
      if (dBelow == null && !parameterGradients) {
        return;
      }
      hidden[i].backward(blas, below, gradHidden[i], rows, dBelow, parameterGradients, true);
    }
  }
}
