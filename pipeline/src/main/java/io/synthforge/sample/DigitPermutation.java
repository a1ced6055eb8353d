package io.synthforge.sample;

import io.synthforge.provenance.Seeds;
import java.io.Serializable;

/**
 * A keyed bijection of {@code [0, 10^digits)} (a four-round Feistel network over two decimal radices), so that
 * distinct row numbers become distinct, random-looking identifiers of a fixed number of digits. Spark-free.
 */
final class DigitPermutation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROUNDS = 4;
  /** 10^18 is the largest power of ten below 2^63. */
  static final int MAX_DIGITS = 18;

  private final long left;
  private final long right;
  private final long[] roundKeys = new long[ROUNDS];

  DigitPermutation(int digits, long key) {
    if (digits < 0 || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("Cannot permute " + digits + " digits: at most " + MAX_DIGITS);
    }
    this.left = pow10(digits / 2);
    this.right = pow10(digits - digits / 2);
    for (int i = 0; i < ROUNDS; i++) {
      roundKeys[i] = Seeds.mix64(key + i);
    }
  }

  static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  /** The number of values, {@code 10^digits}. */
  long size() {
    return left * right;
  }

  /** The image of {@code value} in {@code [0, size())}. */
  long apply(long value) {
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
