package io.synthforge.demo;

import io.synthforge.provenance.Seeds;

/**
 * A keyed bijection of {@code [0, left * right)} (a four-round Feistel network over mixed radices), so that
 * sequential numbers become unique, random-looking identifiers of a fixed number of digits.
 */
final class IdPermutation {
  private static final int ROUNDS = 4;

  private final long left;
  private final long right;
  private final long[] roundKeys = new long[ROUNDS];

  IdPermutation(long left, long right, long key) {
    this.left = left;
    this.right = right;
    for (int i = 0; i < ROUNDS; i++) {
      roundKeys[i] = Seeds.mix64(key + i);
    }
  }

  /** The size of the domain. */
  long size() {
    return left * right;
  }

  /** The image of {@code value}, which must be in {@code [0, size())}. */
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
