package io.synthforge.ingest;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;

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
    // Type checks run as plain Java over each partition: one Spark SQL aggregate of a dozen regex and cast
    // expressions per column compiles into a plan so large that it took minutes on a 15-column table.
    TypeTally tally = rows.mapPartitions(partition -> {
      TypeTally partial = new TypeTally(width);
      partition.forEachRemaining(row -> partial.add(row));
      return List.of(partial).iterator();
    }).reduce(TypeTally::merge);
    List<Column> distinct = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      distinct.add(approx_count_distinct(col("c" + i)));
    }
    Row distinctCounts = frame.agg(distinct.get(0), distinct.subList(1, width).toArray(new Column[0])).first();

    List<ColumnSpec> specs = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      ColumnStats column = new ColumnStats(tally.rows, tally.nonNull[i], tally.integers[i], tally.numbers[i],
          tally.booleans[i], tally.dates[i], tally.timestamps[i], tally.minInteger[i], tally.maxInteger[i],
          distinctCounts.getLong(i), tally.minLength[i], tally.maxLength[i], tally.examples[i]);
      specs.add(column.toSpec(columns.get(i), labels.contains(columns.get(i))));
    }
    return TableMetadata.of(tableName, specs);
  }

  /** Per-column counts of the values that fit each type, summed over partitions. */
  static final class TypeTally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.util.regex.Pattern DATE_PATTERN = java.util.regex.Pattern.compile(DATE);
    private static final java.util.regex.Pattern TIMESTAMP_PATTERN = java.util.regex.Pattern.compile(TIMESTAMP);

    long rows;
    final long[] nonNull;
    final long[] integers;
    final long[] numbers;
    final long[] booleans;
    final long[] dates;
    final long[] timestamps;
    final long[] minInteger;
    final long[] maxInteger;
    final int[] minLength;
    final int[] maxLength;
    final String[] examples;

    TypeTally(int width) {
      nonNull = new long[width];
      integers = new long[width];
      numbers = new long[width];
      booleans = new long[width];
      dates = new long[width];
      timestamps = new long[width];
      minInteger = new long[width];
      maxInteger = new long[width];
      minLength = new int[width];
      maxLength = new int[width];
      examples = new String[width];
      java.util.Arrays.fill(minInteger, Long.MAX_VALUE);
      java.util.Arrays.fill(maxInteger, Long.MIN_VALUE);
      java.util.Arrays.fill(minLength, Integer.MAX_VALUE);
    }

    void add(Row row) {
      rows++;
      for (int i = 0; i < nonNull.length; i++) {
        if (row.isNullAt(i)) {
          continue;
        }
        String value = row.getString(i);
        nonNull[i]++;
        minLength[i] = Math.min(minLength[i], value.length());
        maxLength[i] = Math.max(maxLength[i], value.length());
        if (examples[i] == null) {
          examples[i] = value;
        }
        if (isInteger(value)) {
          integers[i]++;
          numbers[i]++;
          long number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
          minInteger[i] = Math.min(minInteger[i], number);
          maxInteger[i] = Math.max(maxInteger[i], number);
          continue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
          booleans[i]++;
          continue;
        }
        char first = value.charAt(0);
        if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
          if (isNumber(value)) {
            numbers[i]++;
          } else if (DATE_PATTERN.matcher(value).matches()) {
            dates[i]++;
          } else if (TIMESTAMP_PATTERN.matcher(value).matches()) {
            timestamps[i]++;
          }
        }
      }
    }

    private static boolean isInteger(String value) {
      int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
      if (value.length() == start || value.length() - start > 18) {
        return false;
      }
      for (int i = start; i < value.length(); i++) {
        if (!Character.isDigit(value.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean isNumber(String value) {
      try {
        double number = Double.parseDouble(value);
        return !Double.isNaN(number) && !Double.isInfinite(number);
      } catch (NumberFormatException e) {
        return false;
      }
    }

    TypeTally merge(TypeTally other) {
      rows += other.rows;
      for (int i = 0; i < nonNull.length; i++) {
        nonNull[i] += other.nonNull[i];
        integers[i] += other.integers[i];
        numbers[i] += other.numbers[i];
        booleans[i] += other.booleans[i];
        dates[i] += other.dates[i];
        timestamps[i] += other.timestamps[i];
        minInteger[i] = Math.min(minInteger[i], other.minInteger[i]);
        maxInteger[i] = Math.max(maxInteger[i], other.maxInteger[i]);
        minLength[i] = Math.min(minLength[i], other.minLength[i]);
        maxLength[i] = Math.max(maxLength[i], other.maxLength[i]);
        if (examples[i] == null) {
          examples[i] = other.examples[i];
        }
      }
      return this;
    }
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
