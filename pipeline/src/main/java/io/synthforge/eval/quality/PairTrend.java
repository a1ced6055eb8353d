package io.synthforge.eval.quality;

/**
 * How well the synthetic table keeps the relation between two columns.
 *
 * @param column1 the first column (table order)
 * @param column2 the second column
 * @param metric {@code CorrelationSimilarity} (two numeric columns) or {@code ContingencySimilarity}
 * @param score 1 − |ρ_real − ρ_synthetic| / 2, or 1 − TVD of the normalised contingency tables; NaN if undefined
 * @param realCorrelation Pearson ρ on the real table (NaN for contingency pairs or a constant column)
 * @param syntheticCorrelation Pearson ρ on the synthetic table (NaN likewise)
 */
public record PairTrend(
    String column1,
    String column2,
    String metric,
    double score,
    double realCorrelation,
    double syntheticCorrelation) {
  public static final String CORRELATION = "CorrelationSimilarity";
  public static final String CONTINGENCY = "ContingencySimilarity";
}
