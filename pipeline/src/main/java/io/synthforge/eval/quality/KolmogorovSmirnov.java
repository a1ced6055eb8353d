package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.eval.EvalColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The exact two-sample Kolmogorov–Smirnov statistic D = sup |F_real − F_synthetic| of several numeric columns, the
 * statistic of {@code scipy.stats.ks_2samp} that SDMetrics' KSComplement uses. Missing values and NaN are dropped.
 *
 * <p>Exact, not approximated from quantiles: both tables are stacked to (column, value) cells, counted per distinct
 * value, range-partitioned and sorted by (column, value); one pass collects each partition's per-column totals, a
 * second walks every partition with the preceding partitions' totals as offsets, so it sees the true ECDFs at every
 * distinct value (ties included) and returns only its per-column maximum. The driver receives
 * partitions × columns numbers.
 */
public final class KolmogorovSmirnov {
  private KolmogorovSmirnov() {}

  /** D for each of {@code columns} of two normalised frames (NaN where either side has no values). */
  public static double[] statistics(Dataset<Row> real, Dataset<Row> synthetic, List<String> columns) {
    int k = columns.size();
    double[] statistics = new double[k];
    if (k == 0) {
      return statistics;
    }
    Dataset<Row> cells =
        stacked(real, columns, 0)
            .unionAll(stacked(synthetic, columns, 1))
            .groupBy("c", "v")
            .agg(sum(when(col("t").equalTo(0), 1L).otherwise(0L)).as("nr"), sum(col("t").cast("long")).as("ns"))
            .repartitionByRange(col("c"), col("v"))
            .sortWithinPartitions(col("c"), col("v"));
    JavaRDD<Row> sorted = cells.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<long[]> partitionTotals = sorted.mapPartitionsWithIndex(KolmogorovSmirnov::totals, false).collect();
      int partitions = sorted.getNumPartitions();
      // offsets[p][c] = {real, synthetic} counts of column c in partitions before p.
      long[][][] offsets = new long[partitions + 1][k][2];
      long[][] perPartition = new long[partitions * k][2];
      for (long[] total : partitionTotals) {
        perPartition[(int) total[0] * k + (int) total[1]] = new long[] {total[2], total[3]};
      }
      for (int p = 0; p < partitions; p++) {
        for (int c = 0; c < k; c++) {
          offsets[p + 1][c][0] = offsets[p][c][0] + perPartition[p * k + c][0];
          offsets[p + 1][c][1] = offsets[p][c][1] + perPartition[p * k + c][1];
        }
      }
      long[][] grand = offsets[partitions];
      List<double[]> maxima =
          sorted
              .mapPartitionsWithIndex(
                  (index, rows) -> maxDistance(rows, offsets[index], grand), false)
              .collect();
      Arrays.fill(statistics, 0.0);
      for (double[] max : maxima) {
        int c = (int) max[0];
        statistics[c] = Math.max(statistics[c], max[1]);
      }
      for (int c = 0; c < k; c++) {
        if (grand[c][0] == 0 || grand[c][1] == 0) {
          statistics[c] = Double.NaN;
        }
      }
      return statistics;
    } finally {
      sorted.unpersist(false);
    }
  }

  private static Dataset<Row> stacked(Dataset<Row> frame, List<String> columns, int tag) {
    Column[] cells = new Column[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      cells[i] = struct(lit(i).as("c"), EvalColumns.column(columns.get(i)).as("v"));
    }
    return frame
        .select(explode(array(cells)).as("e"))
        .select(col("e.c"), col("e.v"), lit(tag).as("t"))
        .where(col("v").isNotNull().and(not(isnan(col("v")))));
  }

  /** {partition, column, real count, synthetic count} for each column present in this partition. */
  private static Iterator<long[]> totals(Integer partition, Iterator<Row> rows) {
    List<long[]> totals = new ArrayList<>();
    long[] current = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      int c = row.getInt(0);
      if (current == null || current[1] != c) {
        current = new long[] {partition, c, 0, 0};
        totals.add(current);
      }
      current[2] += row.getLong(2);
      current[3] += row.getLong(3);
    }
    return totals.iterator();
  }

  /** {column, max |F_real − F_synthetic|} over this partition's distinct values. */
  private static Iterator<double[]> maxDistance(Iterator<Row> rows, long[][] offsets, long[][] grand) {
    List<double[]> maxima = new ArrayList<>();
    int column = -1;
    long real = 0;
    long synthetic = 0;
    double[] current = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      int c = row.getInt(0);
      if (c != column) {
        column = c;
        real = offsets[c][0];
        synthetic = offsets[c][1];
        current = new double[] {c, 0.0};
        maxima.add(current);
      }
      real += row.getLong(2);
      synthetic += row.getLong(3);
      if (grand[c][0] > 0 && grand[c][1] > 0) {
        double distance = Math.abs(real / (double) grand[c][0] - synthetic / (double) grand[c][1]);
        current[1] = Math.max(current[1], distance);
      }
    }
    return maxima.iterator();
  }
}
