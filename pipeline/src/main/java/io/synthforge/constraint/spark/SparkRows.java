package io.synthforge.constraint.spark;

import io.synthforge.api.TableMetadata;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** A DataFrame's rows as constraint rows: {@code Object[]} in table column order, null for a column it lacks. */
final class SparkRows {
  private SparkRows() {}

  /** The rows of {@code frame} laid out as {@code table}'s columns. */
  static JavaRDD<Object[]> of(Dataset<Row> frame, TableMetadata table) {
    List<String> present = Arrays.asList(frame.columns());
    List<String> names = table.columnNames();
    Column[] columns = new Column[names.size()];
    for (int i = 0; i < columns.length; i++) {
      String name = names.get(i);
      columns[i] = present.contains(name) ? functions.col("`" + name.replace("`", "``") + "`")
          : functions.lit(null).alias(name);
    }
    int width = columns.length;
    return frame.select(columns).toJavaRDD().map(row -> {
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      return values;
    });
  }
}
