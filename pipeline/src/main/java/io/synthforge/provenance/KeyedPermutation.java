package io.synthforge.provenance;

import java.io.Serializable;

/**
 * A keyed bijection of {@code [0, left * right)} (a four-round Feistel network over mixed radices), so that
 * sequential numbers become unique, random-looking identifiers of a fixed number of digits: the demo log's ids
 * and the sampler's fake identifiers both come from it. Deterministic in its key; Spark-free.
 */
public final class KeyedPermutation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROUNDS = 4;
  /** 10^18 is the largest power of ten below 2^63. */
  public static final int MAX_DIGITS = 18;

  private final long left;
  private final long right;
  private final long[] roundKeys = new long[ROUNDS];

  /** A permutation of {@code [0, left * right)} keyed by {@code key}. */
  public KeyedPermutation(long left, long right, long key) {
    this.left = left;
    this.right = right;
    for (int i = 0; i < ROUNDS; i++) {
      roundKeys[i] = Seeds.mix64(key + i);
    }
  }

  /** A permutation of {@code [0, 10^digits)} keyed by {@code key}. */
  public static KeyedPermutation ofDigits(int digits, long key) {
    if (digits < 0 || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("Cannot permute " + digits + " digits: at most " + MAX_DIGITS);
    }
    return new KeyedPermutation(pow10(digits / 2), pow10(digits - digits / 2), key);
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  /** The size of the domain. */
  public long size() {
    return left * right;
  }

  /** The image of {@code value}, which must be in {@code [0, size())}. */
  public long apply(long value) {
    long high = value / right;
    long low = value % right;
    long highRadix = left;
    long lowRadix = right;
    for (int i = 0; i < ROUNDS; i++) {
      long mixed = Math.floorMod(high + Seeds.mix64(low ^ roundKeys[i]), highRadix);
      high = low;
      low = mixed;
      long swap = highRadix;
      highRadix = lowRadix;
      lowRadix = swap;
    }
    return high * lowRadix + low;
  }
}
