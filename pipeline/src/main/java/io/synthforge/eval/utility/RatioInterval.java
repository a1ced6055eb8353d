package io.synthforge.eval.utility;

/**
 * The spread of a synthetic / real score ratio that comes from which real rows were held out: the 2.5th and 97.5th
 * percentiles of the ratio over bootstrap resamples of the holdout (both models scored on the same resample).
 *
 * @param low 2.5th percentile (NaN when not computed)
 * @param high 97.5th percentile (NaN when not computed)
 * @param replicates resamples the percentiles come from (0 when not computed)
 */
public record RatioInterval(double low, double high, int replicates) {
  /** No interval: the models did not run, or the holdout was too large to resample on the driver. */
  public static final RatioInterval NONE = new RatioInterval(Double.NaN, Double.NaN, 0);
}
