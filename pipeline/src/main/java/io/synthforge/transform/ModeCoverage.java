package io.synthforge.transform;

import java.util.Arrays;

/**
 * Extends a fitted mixture so that every value of the column lies within reach of some mode.
 *
 * <p>A value is encoded as a mode and a scalar clipped to {@code reach} deviations of that mode, as in CTGAN.
 * The mixture fit prunes light components, so a long thin tail (the few largest balances of a transaction log,
 * the last days of a timestamp column) can end up beyond every mode's reach and be clipped on the way in: the
 * generator can then never produce it, and the ingest round trip loses up to a third of the column's range.
 * A tail beyond the outermost reach gets one more mode of its own, whose deviation is widened just enough that
 * its reach spans from the old edge to the column's bound; the fitted modes are left as they were.
 */
final class ModeCoverage {
  private ModeCoverage() {}

  /**
   * The mixture, plus a low and/or a high tail mode where {@code [lower, upper]} (the column's bounds, in the
   * mixture's units) reaches past every mode's {@code reach} deviations. {@code data} is the sample the mixture
   * was fitted to; its values in a tail set that mode's mean and weight.
   */
  static GaussianMixture1D cover(GaussianMixture1D mixture, double[] data, double lower, double upper, double reach) {
    if (mixture.size() == 0 || data.length == 0 || !(reach > 0)) {
      return mixture;
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < mixture.size(); k++) {
      low = Math.min(low, mixture.mean(k) - reach * mixture.stdDev(k));
      high = Math.max(high, mixture.mean(k) + reach * mixture.stdDev(k));
    }
    double[] weights = mixture.weights();
    double[] means = mixture.means();
    double[] stdDevs = mixture.stdDevs();
    int extra = 0;
    double[][] tails = new double[2][];
    if (lower < low) {
      tails[extra++] = tail(data, Double.NEGATIVE_INFINITY, low, lower, low, reach);
    }
    if (upper > high) {
      tails[extra++] = tail(data, high, Double.POSITIVE_INFINITY, high, upper, reach);
    }
    if (extra == 0) {
      return mixture;
    }
    int size = weights.length;
    weights = Arrays.copyOf(weights, size + extra);
    means = Arrays.copyOf(means, size + extra);
    stdDevs = Arrays.copyOf(stdDevs, size + extra);
    double tailWeight = 0;
    for (int t = 0; t < extra; t++) {
      weights[size + t] = tails[t][0];
      means[size + t] = tails[t][1];
      stdDevs[size + t] = tails[t][2];
      tailWeight += tails[t][0];
    }
    for (int k = 0; k < size; k++) {
      weights[k] *= 1 - tailWeight;
    }
    return GaussianMixture1D.of(weights, means, stdDevs);
  }

  /**
   * {weight, mean, deviation} of the mode for the sample values in {@code (from, to)}, reaching both {@code edge}
   * and {@code bound}. With no sample value there (the bound came from rows outside the sample), the mode sits
   * midway.
   */
  private static double[] tail(double[] data, double from, double to, double edgeLow, double edgeHigh, double reach) {
    double sum = 0;
    int count = 0;
    for (double x : data) {
      if (x > from && x < to) {
        sum += x;
        count++;
      }
    }
    double mean = count > 0 ? sum / count : 0.5 * (edgeLow + edgeHigh);
    mean = Math.max(edgeLow, Math.min(edgeHigh, mean));
    double stdDev = Math.max(mean - edgeLow, edgeHigh - mean) / reach;
    if (!(stdDev > 0)) {
      stdDev = Math.max(Math.abs(edgeHigh - edgeLow), Math.ulp(mean)) / reach;
    }
    double weight = Math.max(count, 1) / (double) data.length;
    return new double[] {weight, mean, stdDev};
  }
}
