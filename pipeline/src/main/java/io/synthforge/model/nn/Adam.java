package io.synthforge.model.nn;

/**
 * PyTorch's {@code torch.optim.Adam} over the trainable values of a {@link ParameterSet}, with its coupled
 * weight decay (L2: {@code weightDecay * theta} added to the gradient before the moments). The moments are the
 * updater state that training rounds ship and average.
 */
public final class Adam {
  private final ParameterSet parameters;
  private final float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final float[] first;
  private final float[] second;

  /** An optimiser of {@code parameters}' trainable values. */
  public Adam(ParameterSet parameters, double learningRate, double beta1, double beta2, double epsilon,
      double weightDecay) {
    this.parameters = parameters;
    this.learningRate = (float) learningRate;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
    this.weightDecay = (float) weightDecay;
    this.first = new float[parameters.trainableSize()];
    this.second = new float[parameters.trainableSize()];
  }

  /** The number of updater-state values (two moments per trainable value). */
  public int stateSize() {
    return 2 * first.length;
  }

  /** Applies the gradients as optimiser step number {@code step} (1 for the first step). */
  public void step(long step) {
    float[] values = parameters.values();
    float[] gradients = parameters.gradients();
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    float stepSize = (float) (learningRate / correction1);
    float sqrtCorrection2 = (float) Math.sqrt(correction2);
    float oneMinusBeta1 = 1f - beta1;
    float oneMinusBeta2 = 1f - beta2;
    for (int i = 0; i < first.length; i++) {
      float g = gradients[i] + weightDecay * values[i];
      float m = beta1 * first[i] + oneMinusBeta1 * g;
      float v = beta2 * second[i] + oneMinusBeta2 * g * g;
      first[i] = m;
      second[i] = v;
      values[i] -= stepSize * m / ((float) Math.sqrt(v) / sqrtCorrection2 + epsilon);
    }
  }

  /** Copies the moments into {@code target} at {@code offset}. */
  public void copyTo(float[] target, int offset) {
    System.arraycopy(first, 0, target, offset, first.length);
    System.arraycopy(second, 0, target, offset + first.length, second.length);
  }

  /** Replaces the moments with {@code source[offset, offset + stateSize())}. */
  public void copyFrom(float[] source, int offset) {
    System.arraycopy(source, offset, first, 0, first.length);
    System.arraycopy(source, offset + first.length, second, 0, second.length);
  }
}
