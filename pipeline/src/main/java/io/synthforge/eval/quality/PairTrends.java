package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvaluationOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Column pair trends as SDMetrics computes them: Pearson correlation similarity for two numeric columns, contingency
 * similarity (1 − TVD of the normalised joint frequencies, nulls as a category) otherwise, with the numeric side of a
 * mixed pair cut into bins fixed on the real column. All correlations come from one Spark aggregation per table and
 * all contingency distances from one grouped job; the driver receives one number per pair.
 */
public final class PairTrends {
  private PairTrends() {}

  /** One trend per pair of learned columns, in table order. */
  public static List<PairTrend> compute(
      Dataset<Row> real,
      Dataset<Row> synthetic,
      TableMetadata table,
      Map<String, NumericSummary> realSummaries,
      EvaluationOptions options,
      long realRows,
      long syntheticRows) {
    List<String> numeric = EvalColumns.numeric(table);
    List<String> columns = new ArrayList<>();
    for (ColumnSpec spec : table.learnedColumns()) {
      columns.add(spec.name());
    }
    List<String[]> correlationPairs = new ArrayList<>();
    List<String[]> contingencyPairs = new ArrayList<>();
    List<String[]> all = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        String[] pair = {columns.get(i), columns.get(j)};
        all.add(pair);
        boolean bothNumeric = numeric.contains(pair[0]) && numeric.contains(pair[1]);
        (bothNumeric ? correlationPairs : contingencyPairs).add(pair);
      }
    }
    double[] realRho = correlations(real, correlationPairs);
    double[] syntheticRho = correlations(synthetic, correlationPairs);
    double[] contingency =
        contingencyDistances(real, synthetic, contingencyPairs, numeric, realSummaries, options, realRows, syntheticRows);

    List<PairTrend> trends = new ArrayList<>();
    int nextCorrelation = 0;
    int nextContingency = 0;
    for (String[] pair : all) {
      if (numeric.contains(pair[0]) && numeric.contains(pair[1])) {
        double r = realRho[nextCorrelation];
        double s = syntheticRho[nextCorrelation++];
        double score = Double.isNaN(r) || Double.isNaN(s) ? Double.NaN : 1 - Math.abs(r - s) / 2;
        trends.add(new PairTrend(pair[0], pair[1], PairTrend.CORRELATION, score, r, s));
      } else {
        double distance = contingency[nextContingency++];
        trends.add(
            new PairTrend(pair[0], pair[1], PairTrend.CONTINGENCY, 1 - distance, Double.NaN, Double.NaN));
      }
    }
    return trends;
  }

  /** Pearson ρ of each pair over the rows where both are present (Spark's {@code corr}); NaN when undefined. */
  static double[] correlations(Dataset<Row> frame, List<String[]> pairs) {
    double[] rho = new double[pairs.size()];
    if (pairs.isEmpty()) {
      return rho;
    }
    Column[] aggregates = new Column[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      aggregates[i] = corr(EvalColumns.column(pairs.get(i)[0]), EvalColumns.column(pairs.get(i)[1]));
    }
    Row row = frame.agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length)).first();
    for (int i = 0; i < pairs.size(); i++) {
      rho[i] = row.isNullAt(i) ? Double.NaN : row.getDouble(i);
    }
    return rho;
  }

  private static double[] contingencyDistances(
      Dataset<Row> real,
      Dataset<Row> synthetic,
      List<String[]> pairs,
      List<String> numeric,
      Map<String, NumericSummary> realSummaries,
      EvaluationOptions options,
      long realRows,
      long syntheticRows) {
    double[] distances = new double[pairs.size()];
    if (pairs.isEmpty()) {
      return distances;
    }
    if (realRows == 0 || syntheticRows == 0) {
      Arrays.fill(distances, Double.NaN);
      return distances;
    }
    Map<String, double[]> edges = new HashMap<>();
    for (String name : numeric) {
      edges.put(name, binEdges(real, name, realSummaries.get(name), options));
    }
    Dataset<Row> cells =
        pairCells(real, pairs, edges, 0)
            .unionAll(pairCells(synthetic, pairs, edges, 1))
            .groupBy("p", "a", "b")
            .agg(sum(when(col("t").equalTo(0), 1L).otherwise(0L)).as("nr"), sum(col("t").cast("long")).as("ns"));
    List<Row> rows =
        cells
            .groupBy("p")
            .agg(
                sum(abs(col("nr").divide(lit((double) realRows)).minus(col("ns").divide(lit((double) syntheticRows)))))
                    .divide(2)
                    .as("tvd"))
            .collectAsList();
    for (Row row : rows) {
      distances[row.getInt(0)] = row.getDouble(1);
    }
    return distances;
  }

  /**
   * Inner bin edges of a numeric column, fixed on the real data: {@code bins − 1} equal-width edges over the real
   * range (SDMetrics), or the real quantiles; the outer bins are open so synthetic values outside the real range land
   * in the first or last bin.
   */
  static double[] binEdges(Dataset<Row> real, String name, NumericSummary summary, EvaluationOptions options) {
    int bins = options.pairBins();
    if (summary == null || summary.count() == 0) {
      return new double[0];
    }
    if (options.pairBinning() == EvaluationOptions.PairBinning.QUANTILE) {
      double[] probabilities = new double[bins - 1];
      for (int k = 1; k < bins; k++) {
        probabilities[k - 1] = k / (double) bins;
      }
      return distinctSorted(real.stat().approxQuantile(name, probabilities, 1e-4));
    }
    double[] inner = new double[bins - 1];
    for (int k = 1; k < bins; k++) {
      inner[k - 1] = summary.min() + (summary.max() - summary.min()) * k / bins;
    }
    return distinctSorted(inner);
  }

  static double[] distinctSorted(double[] values) {
    TreeSet<Double> set = new TreeSet<>();
    for (double value : values) {
      if (!Double.isNaN(value)) {
        set.add(value);
      }
    }
    return set.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The bin of a number as a category: the count of inner edges at or below it ({@code np.digitize}). */
  static Column binned(String name, double[] edges) {
    Column value = EvalColumns.column(name);
    Column bin = lit(0);
    for (double edge : edges) {
      bin = bin.plus(when(value.geq(lit(edge)), 1).otherwise(0));
    }
    return when(value.isNull().or(isnan(value)), lit(EvalColumns.NULL_CATEGORY))
        .otherwise(bin.cast("string"));
  }

  private static Dataset<Row> pairCells(
      Dataset<Row> frame, List<String[]> pairs, Map<String, double[]> edges, int tag) {
    Column[] cells = new Column[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      cells[i] =
          struct(lit(i).as("p"), key(pairs.get(i)[0], edges).as("a"), key(pairs.get(i)[1], edges).as("b"));
    }
    return frame.select(explode(array(cells)).as("e")).select(col("e.p"), col("e.a"), col("e.b"), lit(tag).as("t"));
  }

  private static Column key(String name, Map<String, double[]> edges) {
    return edges.containsKey(name) ? binned(name, edges.get(name)) : EvalColumns.column(name);
  }
}
