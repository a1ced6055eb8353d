package io.synthforge.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.InvalidSchemaException;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * How the evaluation sees a table's columns: numbers (continuous and datetime, datetimes as epoch seconds) and
 * categories (categorical and label, as strings with null as a category of its own). Every metric works on the
 * {@linkplain #normalise normalised} view so that real and synthetic tables of slightly different physical types
 * (an int column sampled back as double, say) compare value for value.
 */
public final class EvalColumns {
  /** The category that stands for a missing value; it cannot collide with a real string value. */
  public static final String NULL_CATEGORY = "\u0000null";

  private EvalColumns() {}

  /** Continuous and datetime columns, compared as numbers, in table order. */
  public static List<String> numeric(TableMetadata table) {
    List<String> names = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      if (column.role() == ColumnRole.CONTINUOUS || column.role() == ColumnRole.DATETIME) {
        names.add(column.name());
      }
    }
    return names;
  }

  /** Categorical and label columns, compared as categories, in table order. */
  public static List<String> discrete(TableMetadata table) {
    List<String> names = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      if (column.role().isDiscrete()) {
        names.add(column.name());
      }
    }
    return names;
  }

  /** Identifier (PII) columns, never compared for fidelity. */
  public static List<String> identifiers(TableMetadata table) {
    List<String> names = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      if (column.role() == ColumnRole.IDENTIFIER) {
        names.add(column.name());
      }
    }
    return names;
  }

  /** Whether {@code name} is compared as a number. */
  public static boolean isNumeric(TableMetadata table, String name) {
    return numeric(table).contains(name);
  }

  /** {@code name} quoted for Spark SQL, so names such as {@code education-num} resolve. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A reference to column {@code name} that tolerates dots and dashes in the name. */
  public static Column column(String name) {
    return col(quote(name));
  }

  /** Column {@code name} of {@code frame} as a double; dates and timestamps become epoch seconds. */
  public static Column asNumber(Dataset<Row> frame, String name) {
    DataType type = frame.schema().apply(name).dataType();
    String ref = quote(name);
    if (type instanceof TimestampType) {
      return expr("cast(unix_micros(" + ref + ") as double) / 1e6");
    }
    if (type instanceof TimestampNTZType) {
      return expr("cast(unix_micros(cast(" + ref + " as timestamp)) as double) / 1e6");
    }
    if (type instanceof DateType) {
      return expr("cast(unix_date(" + ref + ") as double) * 86400");
    }
    return col(ref).cast("double");
  }

  /**
   * Column {@code name} of {@code frame} as a category string, never null; whole floating-point numbers print
   * without a fraction so that {@code 1} and {@code 1.0} are one category.
   */
  public static Column asCategory(Dataset<Row> frame, String name) {
    DataType type = frame.schema().apply(name).dataType();
    Column value = col(quote(name));
    Column text;
    if (type instanceof DoubleType || type instanceof FloatType) {
      text = when(value.equalTo(floor(value)), value.cast("long").cast("string")).otherwise(value.cast("string"));
    } else {
      text = value.cast("string");
    }
    return coalesce(text, lit(NULL_CATEGORY));
  }

  /**
   * The learned columns of {@code frame} (numbers as double, categories as non-null strings, same names) plus
   * nothing else; fails when {@code frame} lacks one of them.
   */
  public static Dataset<Row> normalise(Dataset<Row> frame, TableMetadata table, String role) {
    requireColumns(frame, table, role);
    List<Column> projected = new ArrayList<>();
    for (ColumnSpec spec : table.learnedColumns()) {
      Column value = spec.role().isDiscrete() ? asCategory(frame, spec.name()) : asNumber(frame, spec.name());
      projected.add(value.as(spec.name()));
    }
    return frame.select(projected.toArray(new Column[0]));
  }

  /** Fails unless {@code frame} has every learned column of {@code table}. */
  public static void requireColumns(Dataset<Row> frame, TableMetadata table, String role) {
    List<String> present = Arrays.asList(frame.columns());
    for (ColumnSpec spec : table.learnedColumns()) {
      if (!present.contains(spec.name())) {
        throw new InvalidSchemaException(
            "Cannot evaluate table '" + table.name() + "': the " + role + " data has no column '" + spec.name() + "'");
      }
    }
  }

  /** A category for display: the null category reads {@code (null)}. */
  public static String display(String category) {
    return NULL_CATEGORY.equals(category) ? "(null)" : category;
  }
}
