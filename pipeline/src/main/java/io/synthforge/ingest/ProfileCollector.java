package io.synthforge.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.transform.ColumnProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the {@link ColumnProfile}s the transformer is fitted from, on Spark: exact counts and bounds over
 * all rows, exact category counts, and a seeded uniform sample of each numeric column (the mixture fit needs
 * the shape of the distribution, not every value).
 */
public final class ProfileCollector {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileCollector.class);

  private ProfileCollector() {}

  /** Profiles of every learned column of {@code table} over {@code rows}. */
  public static Map<String, ColumnProfile> collect(Dataset<Row> rows, TableMetadata table, long seed, int sampleSize) {
    List<ColumnSpec> numeric = new ArrayList<>();
    List<ColumnSpec> discrete = new ArrayList<>();
    for (ColumnSpec column : table.learnedColumns()) {
      if (column.role() == ColumnRole.CONTINUOUS || column.role() == ColumnRole.DATETIME) {
        numeric.add(column);
      } else {
        discrete.add(column);
      }
    }
    Map<String, ColumnProfile> profiles = new HashMap<>();
    long started = System.currentTimeMillis();
    long total;
    if (!numeric.isEmpty()) {
      // The row count rides along with the numeric bounds: one pass over the rows fewer.
      total = numericProfiles(rows, numeric, seed, sampleSize, profiles);
    } else {
      total = rows.count();
    }
    long numericDone = System.currentTimeMillis();
    if (!discrete.isEmpty()) {
      profiles.putAll(discreteProfiles(rows, discrete, total));
    }
    LOG.info("Profiled {} rows: {} numeric column(s) in {} ms, {} discrete column(s) in {} ms", total, numeric.size(),
        numericDone - started, discrete.size(), System.currentTimeMillis() - numericDone);
    Map<String, ColumnProfile> ordered = new LinkedHashMap<>();
    for (ColumnSpec column : table.learnedColumns()) {
      ordered.put(column.name(), profiles.get(column.name()));
    }
    return ordered;
  }

  /** The column as a double: epoch days for dates, epoch millis for timestamps. */
  public static Column numericValue(ColumnSpec column) {
    Column c = col(column.name());
    if (column.type() == ColumnType.DATE) {
      return functions.datediff(c, lit("1970-01-01")).cast(DataTypes.DoubleType);
    }
    if (column.type() == ColumnType.TIMESTAMP) {
      return functions.unix_millis(c).cast(DataTypes.DoubleType);
    }
    return c.cast(DataTypes.DoubleType);
  }

  /** Adds the profiles of the numeric {@code columns} to {@code profiles}; returns the number of rows. */
  private static long numericProfiles(Dataset<Row> rows, List<ColumnSpec> columns, long seed, int sampleSize,
      Map<String, ColumnProfile> profiles) {
    List<Column> values = new ArrayList<>();
    List<Column> aggregates = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      values.add(numericValue(columns.get(i)).alias("v" + i));
      aggregates.add(count(col("v" + i)));
      aggregates.add(min(col("v" + i)));
      aggregates.add(max(col("v" + i)));
    }
    Dataset<Row> numbers = rows.select(values.toArray(new Column[0]));
    Row stats = numbers.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
    long total = stats.getLong(0);
    double fraction = total == 0 ? 1.0 : Math.min(1.0, 1.2 * sampleSize / (double) total);
    List<Row> sampled = fraction >= 1.0 ? numbers.collectAsList() : numbers.sample(false, fraction, seed).collectAsList();
    for (int i = 0; i < columns.size(); i++) {
      long present = stats.getLong(3 * i + 1);
      double lowest = stats.isNullAt(3 * i + 2) ? Double.NaN : stats.getDouble(3 * i + 2);
      double highest = stats.isNullAt(3 * i + 3) ? Double.NaN : stats.getDouble(3 * i + 3);
      double[] sample = new double[Math.min(sampled.size(), sampleSize)];
      int kept = 0;
      for (Row row : sampled) {
        if (kept == sample.length) {
          break;
        }
        if (!row.isNullAt(i)) {
          sample[kept++] = row.getDouble(i);
        }
      }
      String name = columns.get(i).name();
      profiles.put(name, ColumnProfile.numeric(name, total, total - present, lowest, highest,
          java.util.Arrays.copyOf(sample, kept)));
    }
    return total;
  }

  private static Map<String, ColumnProfile> discreteProfiles(Dataset<Row> rows, List<ColumnSpec> columns, long total) {
    List<Column> pairs = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      pairs.add(struct(lit(i).alias("k"), col(columns.get(i).name()).cast(DataTypes.StringType).alias("v")));
    }
    List<Row> counts = rows.select(explode(array(pairs.toArray(new Column[0]))).alias("p"))
        .groupBy(col("p.k"), col("p.v")).count().collectAsList();
    List<Map<String, Long>> perColumn = new ArrayList<>();
    long[] nulls = new long[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      perColumn.add(new LinkedHashMap<>());
    }
    for (Row row : counts) {
      int index = row.getInt(0);
      if (row.isNullAt(1)) {
        nulls[index] += row.getLong(2);
      } else {
        perColumn.get(index).put(row.getString(1), row.getLong(2));
      }
    }
    Map<String, ColumnProfile> profiles = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      profiles.put(name, ColumnProfile.discrete(name, total, nulls[i], perColumn.get(i)));
    }
    return profiles;
  }
}
