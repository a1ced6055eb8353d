package io.synthforge.model.nn;

import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = x W + b} over row-major batches, with {@code W} stored {@code in x out}.
 * Initialised as PyTorch's {@code nn.Linear}: weights and bias uniform in {@code ±1/sqrt(in)}.
 */
public final class Dense {
  private final ParameterSet parameters;
  private final int in;
  private final int out;
  private final int weightOffset;
  private final int biasOffset;

  /** A layer of {@code in -> out} whose values are reserved in {@code parameters}. */
  public Dense(ParameterSet parameters, int in, int out) {
    this.parameters = parameters;
    this.in = in;
    this.out = out;
    this.weightOffset = parameters.reserveTrainable(in * out);
    this.biasOffset = parameters.reserveTrainable(out);
  }

  /**
   * A chain of layers {@code in -> dims[0] -> ... -> dims[n-1] -> out} reserved in {@code parameters} in that order;
   * the last element is the output layer.
   */
  public static Dense[] chain(ParameterSet parameters, int in, int[] dims, int out) {
    Dense[] layers = new Dense[dims.length + 1];
    int width = in;
    for (int i = 0; i < dims.length; i++) {
      layers[i] = new Dense(parameters, width, dims[i]);
      width = dims[i];
    }
    layers[dims.length] = new Dense(parameters, width, out);
    return layers;
  }

  /** Initialises {@code layers} in order from {@code random}. */
  public static void initialise(Dense[] layers, SplittableRandom random) {
    for (Dense layer : layers) {
      layer.initialise(random);
    }
  }

  /** Draws the initial weights and biases from {@code random}. */
  public void initialise(SplittableRandom random) {
    float[] values = parameters.values();
    double bound = 1.0 / Math.sqrt(in);
    for (int i = 0; i < in * out; i++) {
      values[weightOffset + i] = (float) random.nextDouble(-bound, bound);
    }
    for (int i = 0; i < out; i++) {
      values[biasOffset + i] = (float) random.nextDouble(-bound, bound);
    }
  }

  /** Input width. */
  public int in() {
    return in;
  }

  /** Output width. */
  public int out() {
    return out;
  }

  /** Offset of {@code W} ({@code in x out}, row-major) in the parameter values and gradients. */
  public int weightOffset() {
    return weightOffset;
  }

  /** Offset of {@code b} in the parameter values and gradients. */
  public int biasOffset() {
    return biasOffset;
  }

  /** Writes {@code x W + b} for {@code rows} rows of {@code x} into {@code y}. */
  public void forward(Blas blas, float[] x, int rows, float[] y) {
    float[] values = parameters.values();
    blas.gemm(false, false, rows, out, in, 1f, x, 0, values, weightOffset, 0f, y, 0);
    for (int r = 0; r < rows; r++) {
      int row = r * out;
      for (int j = 0; j < out; j++) {
        y[row + j] += values[biasOffset + j];
      }
    }
  }

  /**
   * Back-propagates {@code dy}: adds {@code x^T dy} and the column sums of {@code dy} to the gradients (or
   * overwrites them when {@code accumulate} is false) unless {@code parameterGradients} is false, and writes
   * {@code dy W^T} into {@code dx} unless it is null.
   */
  public void backward(Blas blas, float[] x, float[] dy, int rows, float[] dx, boolean parameterGradients,
      boolean accumulate) {
    float[] gradients = parameters.gradients();
    if (parameterGradients) {
      blas.gemm(true, false, in, out, rows, 1f, x, 0, dy, 0, accumulate ? 1f : 0f, gradients, weightOffset);
      if (!accumulate) {
        java.util.Arrays.fill(gradients, biasOffset, biasOffset + out, 0f);
      }
      for (int r = 0; r < rows; r++) {
        int row = r * out;
        for (int j = 0; j < out; j++) {
          gradients[biasOffset + j] += dy[row + j];
        }
      }
    }
    if (dx != null) {
      blas.gemm(false, true, rows, in, out, 1f, dy, 0, parameters.values(), weightOffset, 0f, dx, 0);
    }
  }
}
