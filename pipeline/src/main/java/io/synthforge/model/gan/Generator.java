package io.synthforge.model.gan;

import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.BatchNorm1d;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Dense;
import io.synthforge.model.nn.ParameterSet;
import java.util.SplittableRandom;

/**
 * CTGAN's generator: residual blocks {@code x -> [relu(bn(fc(x))), x]} (so each block widens its input by its
 * size), then a linear layer to the raw feature vector (the head's activations are the model's). Owns its
 * buffers, sized for the largest batch seen.
 */
final class Generator {
  private final ParameterSet parameters = new ParameterSet();
  private final Dense[] blocks;
  private final BatchNorm1d[] norms;
  private final Dense last;
  private final int inputWidth;
  private final int outputWidth;
  private int capacity;
  private float[] input;
  /** blockOutputs[i] = [activation_i | input_i] per row. */
  private float[][] blockOutputs;
  private float[][] activations;
  private float[][] gradOutputs;
  private float[][] gradActivations;
  private float[][] gradInputs;
  private float[] output;

  Generator(int inputWidth, int[] dims, int outputWidth, double momentum, double epsilon) {
    this.inputWidth = inputWidth;
    this.outputWidth = outputWidth;
    this.blocks = new Dense[dims.length];
    this.norms = new BatchNorm1d[dims.length];
    int in = inputWidth;
    for (int i = 0; i < dims.length; i++) {
      blocks[i] = new Dense(parameters, in, dims[i]);
      norms[i] = new BatchNorm1d(parameters, dims[i], momentum, epsilon);
      in += dims[i];
    }
    this.last = new Dense(parameters, in, outputWidth);
    parameters.allocate();
  }

  void initialise(SplittableRandom random) {
    for (int i = 0; i < blocks.length; i++) {
      blocks[i].initialise(random);
      norms[i].initialise();
    }
    last.initialise(random);
  }

  ParameterSet parameters() {
    return parameters;
  }

  int blockCount() {
    return blocks.length;
  }

  Dense block(int i) {
    return blocks[i];
  }

  BatchNorm1d norm(int i) {
    return norms[i];
  }

  /** The last (linear) layer. */
  Dense head() {
    return last;
  }

  void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    input = new float[rows * inputWidth];
    blockOutputs = new float[blocks.length][];
    activations = new float[blocks.length][];
    gradOutputs = new float[blocks.length][];
    gradActivations = new float[blocks.length][];
    gradInputs = new float[blocks.length][];
    for (int i = 0; i < blocks.length; i++) {
      int width = blocks[i].in() + blocks[i].out();
      blockOutputs[i] = new float[rows * width];
      gradOutputs[i] = new float[rows * width];
      activations[i] = new float[rows * blocks[i].out()];
      gradActivations[i] = new float[rows * blocks[i].out()];
      gradInputs[i] = new float[rows * blocks[i].in()];
    }
    output = new float[rows * outputWidth];
  }

  /** The input buffer ({@code rows x inputWidth}): noise then conditional vector per row. */
  float[] input() {
    return input;
  }

  /** The raw output of the last forward pass ({@code rows x outputWidth}). */
  float[] output() {
    return output;
  }

  void forward(Blas blas, int rows, boolean training) {
    float[] x = input;
    for (int i = 0; i < blocks.length; i++) {
      int in = blocks[i].in();
      int out = blocks[i].out();
      float[] a = activations[i];
      blocks[i].forward(blas, x, rows, a);
      norms[i].forward(a, rows, training);
      Activations.relu(a, rows * out);
      float[] o = blockOutputs[i];
      int width = in + out;
      for (int r = 0; r < rows; r++) {
        System.arraycopy(a, r * out, o, r * width, out);
        System.arraycopy(x, r * in, o, r * width + out, in);
      }
      x = o;
    }
    last.forward(blas, x, rows, output);
  }

  /** Back-propagates {@code gradOutput} (of the raw output) into the parameter gradients (accumulating). */
  void backward(Blas blas, float[] gradOutput, int rows) {
    int top = blocks.length - 1;
    float[] x = top >= 0 ? blockOutputs[top] : input;
    last.backward(blas, x, gradOutput, rows, top >= 0 ? gradOutputs[top] : null, true, true);
    for (int i = top; i >= 0; i--) {
      int in = blocks[i].in();
      int out = blocks[i].out();
      int width = in + out;
      float[] dOut = gradOutputs[i];
      float[] dA = gradActivations[i];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(dOut, r * width, dA, r * out, out);
      }
      Activations.reluBackward(activations[i], dA, rows * out);
      norms[i].backward(dA, rows);
      float[] below = i == 0 ? input : blockOutputs[i - 1];
      if (i == 0) {
        blocks[i].backward(blas, below, dA, rows, null, true, true);
        continue;
      }
      float[] dIn = gradInputs[i];
      blocks[i].backward(blas, below, dA, rows, dIn, true, true);
      // The input also reached the output through the concatenation: add that part.
      float[] dBelow = gradOutputs[i - 1];
      for (int r = 0; r < rows; r++) {
        int from = r * width + out;
        int to = r * in;
        for (int j = 0; j < in; j++) {
          dBelow[to + j] = dIn[to + j] + dOut[from + j];
        }
      }
    }
  }
}
