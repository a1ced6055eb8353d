package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.synthforge.eval.EvalColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Count, missing values, range and mean of one numeric column (NaN counts as missing).
 *
 * @param column the column
 * @param count rows with a value
 * @param nulls rows without one
 * @param min smallest value (NaN when there is none)
 * @param max largest value (NaN when there is none)
 * @param mean mean value (NaN when there is none)
 */
public record NumericSummary(String column, long count, long nulls, double min, double max, double mean) {

  /** The width of the range, or 1 when the column is constant or empty (so scaling by it never divides by 0). */
  public double scale() {
    double width = max - min;
    return Double.isFinite(width) && width > 0 ? width : 1.0;
  }

  /** Summaries of {@code columns} of a normalised frame, in one aggregation. */
  public static Map<String, NumericSummary> of(Dataset<Row> normalised, List<String> columns) {
    Map<String, NumericSummary> summaries = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return summaries;
    }
    List<Column> aggregates = new ArrayList<>();
    for (String name : columns) {
      Column present = EvalColumns.column(name);
      Column value = when(present.isNotNull().and(not(isnan(present))), present);
      aggregates.add(functions.count(value));
      aggregates.add(functions.count(lit(1)));
      aggregates.add(functions.min(value));
      aggregates.add(functions.max(value));
      aggregates.add(functions.mean(value));
    }
    Row row =
        normalised.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first();
    for (int i = 0; i < columns.size(); i++) {
      int at = i * 5;
      long present = row.getLong(at);
      summaries.put(
          columns.get(i),
          new NumericSummary(
              columns.get(i),
              present,
              row.getLong(at + 1) - present,
              row.isNullAt(at + 2) ? Double.NaN : row.getDouble(at + 2),
              row.isNullAt(at + 3) ? Double.NaN : row.getDouble(at + 3),
              row.isNullAt(at + 4) ? Double.NaN : row.getDouble(at + 4)));
    }
    return summaries;
  }
}
