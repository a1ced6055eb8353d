package io.synthforge.eval.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;

/**
 * The rate of one label value in the real and the synthetic table, with a Wilson 95% interval for the synthetic
 * rate, so that a rare class (fraud, say) can be checked for being kept at its real rate.
 *
 * @param column the label column
 * @param value the label value ({@code (null)} for missing)
 * @param realCount real rows with the value
 * @param realRate their share of the real rows
 * @param syntheticCount synthetic rows with the value
 * @param syntheticRate their share of the synthetic rows
 * @param syntheticLow lower end of the Wilson 95% interval of the synthetic rate
 * @param syntheticHigh upper end of that interval
 */
public record LabelRate(
    String column,
    String value,
    long realCount,
    double realRate,
    long syntheticCount,
    double syntheticRate,
    double syntheticLow,
    double syntheticHigh) {
  private static final double Z95 = 1.959963984540054;

  /** Whether the real rate lies inside the synthetic rate's 95% interval. */
  public boolean realRateInInterval() {
    return realRate >= syntheticLow && realRate <= syntheticHigh;
  }

  /** The Wilson score interval {low, high} of {@code successes} out of {@code trials} at 95%. */
  public static double[] wilson(long successes, long trials) {
    if (trials == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** The rates of every value of every label column of {@code table}. */
  public static List<LabelRate> of(TableMetadata table, CategoryFrequencies frequencies) {
    List<LabelRate> rates = new ArrayList<>();
    for (String column : EvalColumns.discrete(table)) {
      if (table.column(column).orElseThrow().role() != io.synthforge.api.ColumnRole.LABEL) {
        continue;
      }
      for (Map.Entry<String, long[]> entry : frequencies.table(column).entrySet()) {
        long real = entry.getValue()[0];
        long synthetic = entry.getValue()[1];
        double[] interval = wilson(synthetic, frequencies.syntheticRows());
        rates.add(
            new LabelRate(
                column,
                EvalColumns.display(entry.getKey()),
                real,
                frequencies.realRows() == 0 ? Double.NaN : real / (double) frequencies.realRows(),
                synthetic,
                frequencies.syntheticRows() == 0 ? Double.NaN : synthetic / (double) frequencies.syntheticRows(),
                interval[0],
                interval[1]));
      }
    }
    return rates;
  }
}
