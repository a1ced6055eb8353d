package io.synthforge.model.gan;

import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.Blas;

/**
 * The generator as generation runs it (evaluation mode), the same function as {@link Generator#forward} with
 * {@code training} false, at about three quarters of the arithmetic:
 * <ul>
 *   <li>each block's batch norm, an affine map with the running statistics, is folded into its dense layer's
 *       weights and bias;</li>
 *   <li>the one-hot inputs (conditional vector, label) are not multiplied: a one-hot row times {@code W} is one row
 *       of {@code W}, so each layer adds the rows of its hot inputs to the product of the dense inputs (noise and
 *       earlier activations) only. On Adult the conditional vector is 104 of the first block's 232 inputs.</li>
 * </ul>
 * The dense inputs keep the generator's order ({@code [a_j | ... | a_1 | noise]}, its concatenation without the
 * one-hot tail), so each layer's dense weights are the leading rows of its weight matrix. {@link #refresh} copies
 * the generator's current parameters; the owner calls it whenever they changed.
 */
final class FoldedGenerator {
  private final Generator source;
  private final int noiseWidth;
  private final int hotWidth;
  private final int layers;
  /** Per layer (the blocks, then the head): dense input width, output width and folded parameters. */
  private final int[] denseIn;
  private final int[] out;
  private final float[][] weights;
  private final float[][] hotRows;
  private final float[][] bias;
  private int capacity;
  /** dense[0] is the noise; dense[j] = [a_j | dense[j - 1]] per row. */
  private float[][] dense;
  private float[][] activations;

  FoldedGenerator(Generator source, int noiseWidth, int hotWidth) {
    this.source = source;
    this.noiseWidth = noiseWidth;
    this.hotWidth = hotWidth;
    this.layers = source.blockCount() + 1;
    this.denseIn = new int[layers];
    this.out = new int[layers];
    this.weights = new float[layers][];
    this.bias = new float[layers][];
    this.hotRows = new float[layers][];
    for (int j = 0; j < layers; j++) {
      out[j] = j < layers - 1 ? source.block(j).out() : source.head().out();
      int in = j < layers - 1 ? source.block(j).in() : source.head().in();
      denseIn[j] = in - hotWidth;
      weights[j] = new float[denseIn[j] * out[j]];
      hotRows[j] = new float[hotWidth * out[j]];
      bias[j] = new float[out[j]];
    }
  }

  /** Folds the generator's current weights, biases and batch-norm statistics. */
  void refresh() {
    float[] values = source.parameters().values();
    for (int j = 0; j < layers; j++) {
      boolean block = j < layers - 1;
      int width = out[j];
      int weightOffset = block ? source.block(j).weightOffset() : source.head().weightOffset();
      int biasOffset = block ? source.block(j).biasOffset() : source.head().biasOffset();
      float[] scale = new float[width];
      float[] shift = new float[width];
      if (block) {
        source.norm(j).evaluationAffine(scale, shift);
      } else {
        java.util.Arrays.fill(scale, 1f);
      }
      for (int i = 0; i < denseIn[j] + hotWidth; i++) {
        float[] target = i < denseIn[j] ? weights[j] : hotRows[j];
        int row = (i < denseIn[j] ? i : i - denseIn[j]) * width;
        for (int k = 0; k < width; k++) {
          target[row + k] = values[weightOffset + i * width + k] * scale[k];
        }
      }
      for (int k = 0; k < width; k++) {
        bias[j][k] = values[biasOffset + k] * scale[k] + shift[k];
      }
    }
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    dense = new float[layers][];
    activations = new float[layers][];
    dense[0] = new float[rows * noiseWidth];
    for (int j = 0; j < layers; j++) {
      activations[j] = new float[rows * out[j]];
      if (j < layers - 1) {
        dense[j + 1] = new float[rows * denseIn[j + 1]];
      }
    }
  }

  /** The noise buffer ({@code rows x noiseWidth}) the caller fills before {@link #forward}; valid for {@code rows}. */
  float[] noise(int rows) {
    ensureCapacity(rows);
    return dense[0];
  }

  /**
   * Runs {@code rows} rows whose one-hot inputs are {@code hot[r * hotsPerRow + h]} (indices into the one-hot tail of
   * the generator's input).
   */
  void forward(Blas blas, int rows, int[] hot, int hotsPerRow) {
    ensureCapacity(rows);
    for (int j = 0; j < layers; j++) {
      int width = out[j];
      float[] y = activations[j];
      blas.gemm(false, false, rows, width, denseIn[j], 1f, dense[j], 0, weights[j], 0, 0f, y, 0);
      float[] b = bias[j];
      float[] rowsOfHot = hotRows[j];
      for (int r = 0; r < rows; r++) {
        int row = r * width;
        for (int k = 0; k < width; k++) {
          y[row + k] += b[k];
        }
        for (int h = 0; h < hotsPerRow; h++) {
          int from = hot[r * hotsPerRow + h] * width;
          for (int k = 0; k < width; k++) {
            y[row + k] += rowsOfHot[from + k];
          }
        }
      }
      if (j == layers - 1) {
        return;
      }
      Activations.relu(y, rows * width);
      float[] below = dense[j];
      float[] next = dense[j + 1];
      int belowWidth = denseIn[j];
      int nextWidth = denseIn[j + 1];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(y, r * width, next, r * nextWidth, width);
        System.arraycopy(below, r * belowWidth, next, r * nextWidth + width, belowWidth);
      }
    }
  }

  /** The raw output of the last {@link #forward} ({@code rows x} the generator's output width). */
  float[] output() {
    return activations[layers - 1];
  }
}
