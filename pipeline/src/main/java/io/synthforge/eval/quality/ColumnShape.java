package io.synthforge.eval.quality;

/**
 * How well the synthetic table keeps the marginal distribution of one column.
 *
 * @param column the column
 * @param metric {@code KSComplement} (numeric columns) or {@code TVComplement} (categorical and label columns)
 * @param score 1 − KS statistic or 1 − total variation distance, in [0, 1]; NaN if either side has no values
 * @param distribution real and synthetic shares per bin or category, for the report's charts
 */
public record ColumnShape(String column, String metric, double score, Distribution distribution) {
  public static final String KS_COMPLEMENT = "KSComplement";
  public static final String TV_COMPLEMENT = "TVComplement";
}
