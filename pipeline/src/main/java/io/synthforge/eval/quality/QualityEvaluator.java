package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvaluationOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Fidelity in the SDMetrics Quality Report convention: column shapes, column pair trends and their mean. */
public final class QualityEvaluator {
  private QualityEvaluator() {}

  /** The quality of {@code synthetic} against {@code real} (both {@linkplain EvalColumns#normalise normalised}). */
  public static QualityResult evaluate(
      Dataset<Row> real,
      Dataset<Row> synthetic,
      TableMetadata table,
      Map<String, NumericSummary> realSummaries,
      CategoryFrequencies frequencies,
      EvaluationOptions options) {
    List<String> numeric = EvalColumns.numeric(table);
    double[] ks = KolmogorovSmirnov.statistics(real, synthetic, numeric);
    List<Distribution> histograms = histograms(real, synthetic, table, numeric, options);

    List<ColumnShape> shapes = new ArrayList<>();
    for (ColumnSpec spec : table.learnedColumns()) {
      int at = numeric.indexOf(spec.name());
      if (at >= 0) {
        shapes.add(new ColumnShape(spec.name(), ColumnShape.KS_COMPLEMENT, 1 - ks[at], histograms.get(at)));
      } else {
        shapes.add(
            new ColumnShape(
                spec.name(),
                ColumnShape.TV_COMPLEMENT,
                1 - frequencies.totalVariation(spec.name()),
                topCategories(frequencies, spec.name(), options.topCategories())));
      }
    }
    List<PairTrend> pairs =
        PairTrends.compute(
            real, synthetic, table, realSummaries, options, frequencies.realRows(), frequencies.syntheticRows());
    double shapeScore = nanMean(shapes.stream().mapToDouble(ColumnShape::score).toArray());
    double pairScore = nanMean(pairs.stream().mapToDouble(PairTrend::score).toArray());
    return new QualityResult(nanMean(new double[] {shapeScore, pairScore}), shapeScore, pairScore, shapes, pairs);
  }

  /** The mean of the non-NaN values, or NaN when there are none (as {@code numpy.nanmean}). */
  public static double nanMean(double[] values) {
    double sum = 0;
    int count = 0;
    for (double value : values) {
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Real and synthetic shares of the most frequent real categories; the rest summed as {@code (other)}. */
  static Distribution topCategories(CategoryFrequencies frequencies, String column, int top) {
    List<String> labels = new ArrayList<>();
    List<Double> real = new ArrayList<>();
    List<Double> synthetic = new ArrayList<>();
    double realRows = Math.max(1, frequencies.realRows());
    double syntheticRows = Math.max(1, frequencies.syntheticRows());
    double otherReal = 0;
    double otherSynthetic = 0;
    int shown = 0;
    for (Map.Entry<String, long[]> entry : frequencies.table(column).entrySet()) {
      long[] counts = entry.getValue();
      if (shown < top && counts[0] > 0) {
        labels.add(EvalColumns.display(entry.getKey()));
        real.add(counts[0] / realRows);
        synthetic.add(counts[1] / syntheticRows);
        shown++;
      } else {
        otherReal += counts[0] / realRows;
        otherSynthetic += counts[1] / syntheticRows;
      }
    }
    if (otherReal > 0 || otherSynthetic > 0) {
      labels.add("(other)");
      real.add(otherReal);
      synthetic.add(otherSynthetic);
    }
    return new Distribution(labels, real, synthetic);
  }

  /** Histograms over bins between real quantiles (duplicates merged), counted on Spark in one job. */
  static List<Distribution> histograms(
      Dataset<Row> real, Dataset<Row> synthetic, TableMetadata table, List<String> numeric, EvaluationOptions options) {
    List<Distribution> histograms = new ArrayList<>();
    if (numeric.isEmpty()) {
      return histograms;
    }
    int bins = options.histogramBins();
    double[] probabilities = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      probabilities[k] = k / (double) bins;
    }
    double[][] quantiles = real.stat().approxQuantile(numeric.toArray(new String[0]), probabilities, 1e-3);
    List<double[]> innerEdges = new ArrayList<>();
    for (double[] q : quantiles) {
      double[] edges = PairTrends.distinctSorted(q);
      // The outer quantiles (min and max) only label the open first and last bins.
      innerEdges.add(edges.length <= 2 ? new double[] {edges.length == 0 ? 0 : edges[edges.length - 1]} : inner(edges));
    }
    long[][][] counts = new long[numeric.size()][][];
    for (int c = 0; c < numeric.size(); c++) {
      counts[c] = new long[innerEdges.get(c).length + 2][2];
    }
    Dataset<Row> cells = binCells(real, numeric, innerEdges, 0).unionAll(binCells(synthetic, numeric, innerEdges, 1));
    for (Row row : cells.groupBy("c", "b", "t").agg(count(lit(1))).collectAsList()) {
      int bin = row.isNullAt(1) ? counts[row.getInt(0)].length - 1 : row.getInt(1);
      counts[row.getInt(0)][bin][row.getInt(2)] += row.getLong(3);
    }
    for (int c = 0; c < numeric.size(); c++) {
      boolean datetime = table.column(numeric.get(c)).map(ColumnSpec::role).orElse(null) == ColumnRole.DATETIME;
      histograms.add(toDistribution(counts[c], innerEdges.get(c), datetime));
    }
    return histograms;
  }

  private static double[] inner(double[] edges) {
    double[] inner = new double[edges.length - 2];
    System.arraycopy(edges, 1, inner, 0, inner.length);
    return inner;
  }

  private static Dataset<Row> binCells(Dataset<Row> frame, List<String> numeric, List<double[]> edges, int tag) {
    Column[] cells = new Column[numeric.size()];
    for (int i = 0; i < numeric.size(); i++) {
      Column value = EvalColumns.column(numeric.get(i));
      Column bin = lit(0);
      for (double edge : edges.get(i)) {
        bin = bin.plus(when(value.geq(lit(edge)), 1).otherwise(0));
      }
      Column missing = value.isNull().or(isnan(value));
      cells[i] = struct(lit(i).as("c"), when(missing, lit(null)).otherwise(bin).as("b"));
    }
    return frame.select(explode(array(cells)).as("e")).select(col("e.c"), col("e.b"), lit(tag).as("t"));
  }

  private static Distribution toDistribution(long[][] counts, double[] edges, boolean datetime) {
    long realTotal = 0;
    long syntheticTotal = 0;
    for (long[] bin : counts) {
      realTotal += bin[0];
      syntheticTotal += bin[1];
    }
    List<String> labels = new ArrayList<>();
    List<Double> real = new ArrayList<>();
    List<Double> synthetic = new ArrayList<>();
    for (int b = 0; b < counts.length; b++) {
      boolean missing = b == counts.length - 1;
      if (missing && counts[b][0] == 0 && counts[b][1] == 0) {
        continue;
      }
      String label;
      if (missing) {
        label = "(null)";
      } else if (b == 0) {
        label = "< " + format(edges[0], datetime);
      } else if (b == edges.length) {
        label = "≥ " + format(edges[edges.length - 1], datetime);
      } else {
        label = "[" + format(edges[b - 1], datetime) + ", " + format(edges[b], datetime) + ")";
      }
      labels.add(label);
      real.add(realTotal == 0 ? 0.0 : counts[b][0] / (double) realTotal);
      synthetic.add(syntheticTotal == 0 ? 0.0 : counts[b][1] / (double) syntheticTotal);
    }
    return new Distribution(labels, real, synthetic);
  }

  /** A bin edge for a label: a date for datetime columns, else a short number. */
  static String format(double value, boolean datetime) {
    if (datetime) {
      return Instant.ofEpochSecond((long) Math.floor(value)).toString().substring(0, 10);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
