package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.eval.EvalColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Category counts of the discrete columns in the real and the synthetic table (the null category included),
 * aggregated on Spark in one job; only the (small) tables of counts reach the driver.
 */
public final class CategoryFrequencies {
  private final Map<String, Map<String, long[]>> counts;
  private final long realRows;
  private final long syntheticRows;

  private CategoryFrequencies(Map<String, Map<String, long[]>> counts, long realRows, long syntheticRows) {
    this.counts = counts;
    this.realRows = realRows;
    this.syntheticRows = syntheticRows;
  }

  /** Counts of every category of {@code columns} in two normalised frames of {@code realRows}/{@code syntheticRows}. */
  public static CategoryFrequencies of(
      Dataset<Row> real, Dataset<Row> synthetic, List<String> columns, long realRows, long syntheticRows) {
    Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
    for (String name : columns) {
      counts.put(name, new LinkedHashMap<>());
    }
    if (!columns.isEmpty()) {
      Dataset<Row> tagged = explodeTagged(real, columns, 0).unionAll(explodeTagged(synthetic, columns, 1));
      List<Row> rows =
          tagged
              .groupBy("c", "v")
              .agg(sum(when(col("t").equalTo(0), 1L).otherwise(0L)).as("nr"), sum(col("t").cast("long")).as("ns"))
              .orderBy(col("c"), col("nr").desc(), col("ns").desc(), col("v"))
              .collectAsList();
      for (Row row : rows) {
        counts.get(columns.get(row.getInt(0))).put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
      }
    }
    return new CategoryFrequencies(counts, realRows, syntheticRows);
  }

  private static Dataset<Row> explodeTagged(Dataset<Row> frame, List<String> columns, int tag) {
    Column[] cells = new Column[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      cells[i] = struct(lit(i).as("c"), EvalColumns.column(columns.get(i)).as("v"));
    }
    return frame.select(explode(array(cells)).as("e")).select(col("e.c"), col("e.v"), lit(tag).as("t"));
  }

  public long realRows() {
    return realRows;
  }

  public long syntheticRows() {
    return syntheticRows;
  }

  /** Categories of {@code column} seen in the real table, most frequent first. */
  public List<String> realCategories(String column) {
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : table(column).entrySet()) {
      if (entry.getValue()[0] > 0) {
        seen.add(entry.getKey());
      }
    }
    return seen;
  }

  /** Category → {real count, synthetic count} of {@code column}, ordered by real count, descending. */
  public Map<String, long[]> table(String column) {
    Map<String, long[]> table = counts.get(column);
    return table == null ? Collections.emptyMap() : Collections.unmodifiableMap(table);
  }

  /** Total variation distance between the real and synthetic category frequencies of {@code column}. */
  public double totalVariation(String column) {
    if (realRows == 0 || syntheticRows == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long[] pair : table(column).values()) {
      sum += Math.abs(pair[0] / (double) realRows - pair[1] / (double) syntheticRows);
    }
    return sum / 2;
  }
}
