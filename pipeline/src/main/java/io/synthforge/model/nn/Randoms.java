package io.synthforge.model.nn;

import java.util.SplittableRandom;

/** Fills arrays with random numbers from a caller's generator, never a global one. */
public final class Randoms {
  private Randoms() {}

  /** Standard normal values into {@code out[offset, offset + length)}. */
  public static void gaussian(SplittableRandom random, float[] out, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      out[i] = (float) random.nextGaussian();
    }
  }

  /** A standard Gumbel value, {@code -log(E)} with {@code E} exponential (as PyTorch's gumbel_softmax draws). */
  public static float gumbel(SplittableRandom random) {
    double exponential = random.nextExponential();
    // nextExponential() can return 0 (probability ~2^-53); -log(0) would be infinite.
    return (float) -Math.log(Math.max(exponential, 1e-30));
  }
}
