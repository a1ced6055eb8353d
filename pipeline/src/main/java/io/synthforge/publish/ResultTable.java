package io.synthforge.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A query result as an aligned text table for a terminal: a header, a rule, one line per row (numbers
 * right-aligned, {@code NULL} for missing values, long values cut at {@value #MAX_CELL} characters), then the
 * row count. Spark-free apart from {@link Row}.
 */
public final class ResultTable {
  static final int MAX_CELL = 60;
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private ResultTable() {}

  /**
   * The text of {@code rows} (at most {@code maxRows} of them shown) under {@code schema}; {@code more} says that
   * the result had further rows.
   */
  public static String format(StructType schema, List<Row> rows, int maxRows, boolean more) {
    StructField[] fields = schema.fields();
    int shown = Math.min(rows.size(), maxRows);
    List<String[]> cells = new ArrayList<>();
    int[] widths = new int[fields.length];
    boolean[] numeric = new boolean[fields.length];
    for (int c = 0; c < fields.length; c++) {
      widths[c] = fields[c].name().length();
      String type = fields[c].dataType().typeName();
      numeric[c] = type.equals("integer") || type.equals("long") || type.equals("double") || type.equals("float")
          || type.equals("short") || type.equals("byte") || type.startsWith("decimal");
    }
    for (int r = 0; r < shown; r++) {
      Row row = rows.get(r);
      String[] line = new String[fields.length];
      for (int c = 0; c < fields.length; c++) {
        line[c] = cell(row.isNullAt(c) ? null : row.get(c));
        widths[c] = Math.max(widths[c], line[c].length());
      }
      cells.add(line);
    }
    StringBuilder text = new StringBuilder();
    for (int c = 0; c < fields.length; c++) {
      text.append(c == 0 ? "" : " | ").append(pad(fields[c].name(), widths[c], numeric[c]));
    }
    text.append('\n');
    for (int c = 0; c < fields.length; c++) {
      text.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    text.append('\n');
    for (String[] line : cells) {
      for (int c = 0; c < fields.length; c++) {
        text.append(c == 0 ? "" : " | ").append(pad(line[c], widths[c], numeric[c]));
      }
      text.append('\n');
    }
    if (more || rows.size() > maxRows) {
      text.append(String.format(Locale.ROOT, "(first %,d rows shown; raise --max-rows or write all with --out)", shown));
    } else {
      text.append(String.format(Locale.ROOT, "(%,d row%s)", shown, shown == 1 ? "" : "s"));
    }
    return text.append('\n').toString();
  }

  private static String cell(Object value) {
    String text;
    if (value == null) {
      text = "NULL";
    } else if (value instanceof Instant) {
      text = TIMESTAMP.format((Instant) value);
    } else if (value instanceof java.sql.Timestamp) {
      text = TIMESTAMP.format(((java.sql.Timestamp) value).toInstant());
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      text = number == Math.rint(number) && Math.abs(number) < 1e15
          ? String.format(Locale.ROOT, "%.1f", number) : String.format(Locale.ROOT, "%.6g", number).replaceAll("\\.?0+$", "");
    } else {
      text = String.valueOf(value);
    }
    text = text.replace('\n', ' ').replace('\t', ' ');
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }
}
