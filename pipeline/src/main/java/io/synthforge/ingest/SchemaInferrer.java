package io.synthforge.ingest;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Infers a table schema (types and roles) from the text fields of all well-formed records, in one Spark
 * aggregation.
 *
 * <p>A type wins when at least {@value #MAJORITY} of a column's non-missing values fit it, so that a few bad
 * values in a large file are quarantined rather than turning the whole column into text.
 */
public final class SchemaInferrer {
  static final double MAJORITY = 0.99;
  /** Integer columns with at most this many distinct values are learned as categories (flags, codes). */
  static final int MAX_CODE_VALUES = 5;
  /** Text columns whose values are nearly all distinct are identifiers, not categories. */
  static final double IDENTIFIER_DISTINCT_SHARE = 0.9;
  static final long IDENTIFIER_MIN_ROWS = 100;

  private static final String INTEGER = "^[+-]?[0-9]{1,18}$";
  private static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  private static final String TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$";

  private SchemaInferrer() {}

  /**
   * The inferred table named {@code tableName} for {@code records} laid out as {@code columns}; values in
   * {@code nullTokens} (and empty fields) count as missing; {@code labels} are marked as label columns.
   */
  public static TableMetadata infer(SparkSession spark, JavaRDD<RawRecord> records, List<String> columns,
      Set<String> nullTokens, Set<String> labels, String tableName) {
    int width = columns.size();
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      fields.add(DataTypes.createStructField("c" + i, DataTypes.StringType, true));
    }
    JavaRDD<Row> rows = records
        .filter(record -> !record.isMalformed() && record.fields().length == width)
        .map(record -> {
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            String value = record.fields()[i];
            values[i] = value == null || value.isEmpty() || nullTokens.contains(value) ? null : value;
          }
          return RowFactory.create(values);
        });
    Dataset<Row> frame = spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));

    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(org.apache.spark.sql.functions.lit(1)));
    for (int i = 0; i < width; i++) {
      Column c = col("c" + i);
      aggregates.add(count(c));
      aggregates.add(sum(when(c.rlike(INTEGER), 1).otherwise(0)));
      aggregates.add(count(c.cast(DataTypes.DoubleType)));
      aggregates.add(sum(when(lower(c).isin("true", "false"), 1).otherwise(0)));
      aggregates.add(sum(when(c.rlike(DATE), 1).otherwise(0)));
      aggregates.add(sum(when(c.rlike(TIMESTAMP), 1).otherwise(0)));
      aggregates.add(min(when(c.rlike(INTEGER), c.cast(DataTypes.LongType))));
      aggregates.add(max(when(c.rlike(INTEGER), c.cast(DataTypes.LongType))));
      aggregates.add(approx_count_distinct(c));
      aggregates.add(min(length(c)));
      aggregates.add(max(length(c)));
      aggregates.add(first(c, true));
    }
    Row stats = frame.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first();

    long rowCount = stats.getLong(0);
    List<ColumnSpec> specs = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      int base = 1 + i * 12;
      ColumnStats column = new ColumnStats(rowCount, stats.getLong(base), number(stats, base + 1), stats.getLong(base + 2),
          number(stats, base + 3), number(stats, base + 4), number(stats, base + 5),
          stats.isNullAt(base + 6) ? 0 : stats.getLong(base + 6), stats.isNullAt(base + 7) ? 0 : stats.getLong(base + 7),
          stats.getLong(base + 8), stats.isNullAt(base + 9) ? 0 : stats.getInt(base + 9),
          stats.isNullAt(base + 10) ? 0 : stats.getInt(base + 10), stats.isNullAt(base + 11) ? null : stats.getString(base + 11));
      specs.add(column.toSpec(columns.get(i), labels.contains(columns.get(i))));
    }
    return TableMetadata.of(tableName, specs);
  }

  private static long number(Row row, int index) {
    return row.isNullAt(index) ? 0 : row.getLong(index);
  }

  /** What one aggregation pass learned about a column. */
  private static final class ColumnStats {
    final long rows;
    final long nonNull;
    final long integers;
    final long numbers;
    final long booleans;
    final long dates;
    final long timestamps;
    final long minInteger;
    final long maxInteger;
    final long distinct;
    final int minLength;
    final int maxLength;
    final String example;

    ColumnStats(long rows, long nonNull, long integers, long numbers, long booleans, long dates, long timestamps,
        long minInteger, long maxInteger, long distinct, int minLength, int maxLength, String example) {
      this.rows = rows;
      this.nonNull = nonNull;
      this.integers = integers;
      this.numbers = numbers;
      this.booleans = booleans;
      this.dates = dates;
      this.timestamps = timestamps;
      this.minInteger = minInteger;
      this.maxInteger = maxInteger;
      this.distinct = distinct;
      this.minLength = minLength;
      this.maxLength = maxLength;
      this.example = example;
    }

    boolean mostly(long fitting) {
      return nonNull > 0 && fitting >= MAJORITY * nonNull;
    }

    ColumnType type() {
      if (mostly(booleans)) {
        return ColumnType.BOOLEAN;
      }
      if (mostly(integers)) {
        return minInteger >= Integer.MIN_VALUE && maxInteger <= Integer.MAX_VALUE ? ColumnType.INT : ColumnType.LONG;
      }
      if (mostly(numbers)) {
        return ColumnType.DOUBLE;
      }
      if (mostly(dates)) {
        return ColumnType.DATE;
      }
      if (mostly(timestamps)) {
        return ColumnType.TIMESTAMP;
      }
      return ColumnType.STRING;
    }

    ColumnSpec toSpec(String name, boolean label) {
      ColumnType type = type();
      ColumnRole role;
      if (label) {
        role = ColumnRole.LABEL;
      } else if (type == ColumnType.BOOLEAN) {
        role = ColumnRole.CATEGORICAL;
      } else if (type.isIntegral() && distinct <= MAX_CODE_VALUES) {
        role = ColumnRole.CATEGORICAL;
      } else if (type.isNumeric()) {
        role = ColumnRole.CONTINUOUS;
      } else if (type.isTemporal()) {
        role = ColumnRole.DATETIME;
      } else if (looksLikeIdentifier(name)) {
        role = ColumnRole.IDENTIFIER;
      } else {
        role = ColumnRole.CATEGORICAL;
      }
      ColumnSpec.Builder builder = ColumnSpec.builder(name, type, role).nullable(nonNull < rows);
      if (role == ColumnRole.IDENTIFIER && example != null && minLength == maxLength) {
        builder.format(example.replaceAll("[0-9]", "#"));
      }
      return builder.build();
    }

    boolean looksLikeIdentifier(String name) {
      if (nonNull >= IDENTIFIER_MIN_ROWS && distinct >= IDENTIFIER_DISTINCT_SHARE * nonNull) {
        return true;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      boolean idName = lower.equals("id") || lower.endsWith("_id") || lower.endsWith("id") && name.endsWith("Id")
          || lower.contains("email") || lower.contains("phone");
      return idName && nonNull >= IDENTIFIER_MIN_ROWS && distinct >= 0.5 * nonNull;
    }
  }
}
