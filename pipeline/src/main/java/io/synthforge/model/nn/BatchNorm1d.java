package io.synthforge.model.nn;

import java.util.Arrays;

/**
 * PyTorch's {@code BatchNorm1d} over row-major batches: batch statistics while training (biased variance for
 * the normalisation, unbiased for the running estimate, momentum 0.1 by default), running statistics in
 * evaluation. Gamma and beta are trainable; the running mean and variance are parameter-set buffers.
 */
public final class BatchNorm1d {
  private final ParameterSet parameters;
  private final int features;
  private final float momentum;
  private final float epsilon;
  private final int gammaOffset;
  private final int betaOffset;
  private final int meanHandle;
  private final int varianceHandle;
  private final float[] mean;
  private final float[] inverseStd;
  private final float[] sumDy;
  private final float[] sumDyXhat;
  private final float[] evaluationScale;
  private final float[] evaluationShift;
  private float[] normalised = new float[0];

  /** A layer over {@code features} columns whose values are reserved in {@code parameters}. */
  public BatchNorm1d(ParameterSet parameters, int features, double momentum, double epsilon) {
    this.parameters = parameters;
    this.features = features;
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
    this.gammaOffset = parameters.reserveTrainable(features);
    this.betaOffset = parameters.reserveTrainable(features);
    this.meanHandle = parameters.reserveBuffer(features);
    this.varianceHandle = parameters.reserveBuffer(features);
    this.mean = new float[features];
    this.inverseStd = new float[features];
    this.sumDy = new float[features];
    this.sumDyXhat = new float[features];
    this.evaluationScale = new float[features];
    this.evaluationShift = new float[features];
  }

  /** Gamma 1, beta 0, running mean 0, running variance 1. */
  public void initialise() {
    float[] values = parameters.values();
    Arrays.fill(values, gammaOffset, gammaOffset + features, 1f);
    Arrays.fill(values, betaOffset, betaOffset + features, 0f);
    int meanOffset = parameters.bufferOffset(meanHandle);
    int varianceOffset = parameters.bufferOffset(varianceHandle);
    Arrays.fill(values, meanOffset, meanOffset + features, 0f);
    Arrays.fill(values, varianceOffset, varianceOffset + features, 1f);
  }

  /** Offset of gamma in the parameter values. */
  public int gammaOffset() {
    return gammaOffset;
  }

  /** Offset of the running mean in the parameter values. */
  public int runningMeanOffset() {
    return parameters.bufferOffset(meanHandle);
  }

  /**
   * Normalises {@code x} in place, with the batch statistics (and updates the running ones) when
   * {@code training}, else with the running statistics.
   */
  public void forward(float[] x, int rows, boolean training) {
    float[] values = parameters.values();
    int meanOffset = parameters.bufferOffset(meanHandle);
    int varianceOffset = parameters.bufferOffset(varianceHandle);
    if (!training) {
      evaluationAffine(evaluationScale, evaluationShift);
      for (int r = 0; r < rows; r++) {
        int row = r * features;
        for (int j = 0; j < features; j++) {
          x[row + j] = x[row + j] * evaluationScale[j] + evaluationShift[j];
        }
      }
      return;
    }
    if (normalised.length < rows * features) {
      normalised = new float[rows * features];
    }
    Arrays.fill(mean, 0f);
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        mean[j] += x[row + j];
      }
    }
    for (int j = 0; j < features; j++) {
      mean[j] /= rows;
    }
    // Two passes (mean, then squared deviations) keep the float variance accurate.
    float[] variance = sumDy;
    Arrays.fill(variance, 0f);
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        float d = x[row + j] - mean[j];
        variance[j] += d * d;
      }
    }
    float unbias = rows > 1 ? (float) rows / (rows - 1) : 1f;
    for (int j = 0; j < features; j++) {
      float biased = variance[j] / rows;
      inverseStd[j] = (float) (1.0 / Math.sqrt(biased + epsilon));
      values[meanOffset + j] = (1 - momentum) * values[meanOffset + j] + momentum * mean[j];
      values[varianceOffset + j] = (1 - momentum) * values[varianceOffset + j] + momentum * biased * unbias;
    }
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        normalised[row + j] = (x[row + j] - mean[j]) * inverseStd[j];
      }
    }
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        x[row + j] = normalised[row + j] * values[gammaOffset + j] + values[betaOffset + j];
      }
    }
  }

  /**
   * The evaluation-mode map (running statistics) as {@code y = x * scale + shift} per feature: what evaluation
   * applies, and what a product before it can absorb (see the ctgan generator's generation pass).
   */
  public void evaluationAffine(float[] scale, float[] shift) {
    float[] values = parameters.values();
    int meanOffset = parameters.bufferOffset(meanHandle);
    int varianceOffset = parameters.bufferOffset(varianceHandle);
    for (int j = 0; j < features; j++) {
      float inverse = (float) (1.0 / Math.sqrt(values[varianceOffset + j] + epsilon));
      scale[j] = inverse * values[gammaOffset + j];
      shift[j] = values[betaOffset + j] - values[meanOffset + j] * scale[j];
    }
  }

  /**
   * Back-propagates {@code dy} (in place, becoming the gradient of the layer's input) through the last training
   * forward, and adds the gradients of gamma and beta.
   */
  public void backward(float[] dy, int rows) {
    float[] values = parameters.values();
    float[] gradients = parameters.gradients();
    Arrays.fill(sumDy, 0f);
    Arrays.fill(sumDyXhat, 0f);
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        sumDy[j] += dy[row + j];
        sumDyXhat[j] += dy[row + j] * normalised[row + j];
      }
    }
    for (int j = 0; j < features; j++) {
      gradients[gammaOffset + j] += sumDyXhat[j];
      gradients[betaOffset + j] += sumDy[j];
      // Reuse the sums as the per-feature coefficients of dx = g/(B std) (B dy - sum dy - xhat sum dy xhat).
      sumDy[j] /= rows;
      sumDyXhat[j] /= rows;
      mean[j] = values[gammaOffset + j] * inverseStd[j];
    }
    for (int r = 0; r < rows; r++) {
      int row = r * features;
      for (int j = 0; j < features; j++) {
        dy[row + j] = mean[j] * (dy[row + j] - sumDy[j] - normalised[row + j] * sumDyXhat[j]);
      }
    }
  }
}
