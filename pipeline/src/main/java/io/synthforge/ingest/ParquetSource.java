package io.synthforge.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Parquet files, read through the same text-field path as CSV and JSON so that typing, domains and the
 * quarantine behave identically whatever the input format. The raw text of a record is its JSON form.
 */
public final class ParquetSource implements RecordSource {
  private static final String FILE_COLUMN = "__synthforge_file";

  private final Dataset<Row> frame;
  private final List<String> columns;

  private ParquetSource(Dataset<Row> frame, List<String> columns) {
    this.frame = frame;
    this.columns = columns;
  }

  /** Opens Parquet {@code files}; the file's own schema names the columns. */
  public static ParquetSource open(SparkSession spark, List<FileStatus> files) {
    String[] paths = files.stream().map(file -> file.getPath().toString()).toArray(String[]::new);
    Dataset<Row> frame = spark.read().parquet(paths);
    List<String> columns = new ArrayList<>(Arrays.asList(frame.columns()));
    return new ParquetSource(frame.withColumn(FILE_COLUMN, functions.input_file_name()), columns);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public JavaRDD<RawRecord> records() {
    int width = columns.size();
    return frame.toJavaRDD().map(row -> {
      String[] fields = new String[width];
      for (int i = 0; i < width; i++) {
        Object value = row.get(i);
        fields[i] = value == null ? null : text(value);
      }
      String file = row.getString(width);
      return RawRecord.of(file, -1L, null, rowJson(row, width), fields);
    });
  }

  private static String text(Object value) {
    if (value instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) value).toInstant().toString();
    }
    if (value instanceof Instant || value instanceof LocalDate) {
      return value.toString();
    }
    return String.valueOf(value);
  }

  private static String rowJson(Row row, int width) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < width; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append('"').append(row.schema().fields()[i].name()).append("\":");
      Object value = row.get(i);
      json.append(value == null ? "null" : '"' + text(value).replace("\"", "\\\"") + '"');
    }
    return json.append('}').toString();
  }
}
