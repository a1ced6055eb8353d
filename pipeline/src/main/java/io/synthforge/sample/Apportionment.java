package io.synthforge.sample;

/**
 * Exact integer splits used to plan a sample: every count is fixed by the totals alone, so the plan (and the
 * output) does not depend on how many executors or partitions run it. Spark-free.
 */
public final class Apportionment {
  private Apportionment() {}

  /**
   * Splits {@code total} in proportion to {@code weights} by largest remainder (ties to the lower index); the
   * parts sum to {@code total} exactly. Zero weights get zero.
   */
  public static long[] largestRemainder(long total, double[] weights) {
    double sum = 0;
    for (double weight : weights) {
      if (weight < 0 || Double.isNaN(weight)) {
        throw new IllegalArgumentException("Cannot apportion by weight " + weight + ": weights must be >= 0");
      }
      sum += weight;
    }
    long[] parts = new long[weights.length];
    if (total == 0) {
      return parts;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("Cannot apportion " + total + " by weights that sum to 0");
    }
    double[] remainders = new double[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * (weights[i] / sum);
      parts[i] = (long) Math.floor(exact);
      remainders[i] = exact - parts[i];
      given += parts[i];
    }
    while (given < total) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
      given++;
    }
    return parts;
  }

  /**
   * Spreads {@code segments[s]} rows over consecutive parts of {@code sizes[p]} rows so that every part gets its
   * proportional mix: returns {@code [part][segment]} counts whose rows sum to {@code sizes} and whose columns
   * sum to {@code segments} exactly (greedy: each part takes {@code floor(remaining_s * size / remaining)} of each
   * segment, then one more from the segments with the largest remainders). {@code sizes} and {@code segments}
   * must have the same total.
   */
  public static long[][] spread(long[] segments, long[] sizes) {
    long remainingTotal = 0;
    long[] remaining = segments.clone();
    for (long count : remaining) {
      remainingTotal += count;
    }
    long sizeTotal = 0;
    for (long size : sizes) {
      sizeTotal += size;
    }
    if (sizeTotal != remainingTotal) {
      throw new IllegalArgumentException("Cannot spread " + remainingTotal + " rows over parts of " + sizeTotal + " rows");
    }
    long[][] counts = new long[sizes.length][segments.length];
    for (int p = 0; p < sizes.length; p++) {
      long size = sizes[p];
      long given = 0;
      double[] fractions = new double[segments.length];
      for (int s = 0; s < segments.length; s++) {
        if (remaining[s] == 0) {
          fractions[s] = -1;
          continue;
        }
        // remaining[s] * size fits a long for any realistic row count (< 2^31 per part).
        long product = remaining[s] * size;
        counts[p][s] = product / remainingTotal;
        fractions[s] = (product % remainingTotal) / (double) remainingTotal;
        given += counts[p][s];
      }
      while (given < size) {
        int best = -1;
        for (int s = 0; s < segments.length; s++) {
          if (fractions[s] > 0 && (best < 0 || fractions[s] > fractions[best])) {
            best = s;
          }
        }
        counts[p][best]++;
        fractions[best] = -1;
        given++;
      }
      for (int s = 0; s < segments.length; s++) {
        remaining[s] -= counts[p][s];
      }
      remainingTotal -= size;
    }
    return counts;
  }
}
