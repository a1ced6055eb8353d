package io.synthforge.model.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout with masks drawn from a caller's {@link SplittableRandom} (never a global generator), so a
 * step is reproducible. The mask holds {@code 0} or {@code 1/(1-p)} per value and stays available for backward
 * passes (and for a gradient penalty's input gradient).
 */
public final class Dropout {
  private final float rate;
  private final float keepScale;
  private float[] mask = new float[0];

  /** Dropout of probability {@code rate} in [0, 1). */
  public Dropout(double rate) {
    if (rate < 0 || rate >= 1) {
      throw new IllegalArgumentException("Cannot build dropout of rate " + rate + ": it must be in [0, 1)");
    }
    this.rate = (float) rate;
    this.keepScale = (float) (1.0 / (1.0 - rate));
  }

  /** Draws a new mask for {@code size} values and applies it to {@code x} in place. */
  public void forward(float[] x, int size, SplittableRandom random) {
    if (mask.length < size) {
      mask = new float[size];
    }
    if (rate == 0f) {
      java.util.Arrays.fill(mask, 0, size, 1f);
      return;
    }
    for (int i = 0; i < size; i++) {
      mask[i] = random.nextFloat() < rate ? 0f : keepScale;
    }
    for (int i = 0; i < size; i++) {
      x[i] *= mask[i];
    }
  }

  /** {@code dy *= mask} for the last mask drawn. */
  public void backward(float[] dy, int size) {
    if (rate == 0f) {
      return;
    }
    for (int i = 0; i < size; i++) {
      dy[i] *= mask[i];
    }
  }

  /** The last mask drawn (0 or {@code 1/(1-p)} per value). */
  public float[] mask() {
    return mask;
  }
}
