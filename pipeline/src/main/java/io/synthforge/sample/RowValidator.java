package io.synthforge.sample;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a generated row against the table's Avro schema before it is written: Java type, nullability,
 * declared domain and min/max, finite floating point. The generator should never produce an invalid row; this
 * is the safety net that keeps one out of a published table. Immutable and thread-safe; Spark-free.
 */
public final class RowValidator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TableMetadata table;
  private final List<Set<String>> domains;
  // Per column, read once here rather than through Optionals for every value of every row.
  private final Class<?>[] types;
  private final boolean[] nullable;
  private final double[] mins;
  private final double[] maxes;

  private RowValidator(TableMetadata table, List<Set<String>> domains) {
    this.table = table;
    this.domains = domains;
    List<ColumnSpec> columns = table.columns();
    this.types = new Class<?>[columns.size()];
    this.nullable = new boolean[columns.size()];
    this.mins = new double[columns.size()];
    this.maxes = new double[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      types[i] = javaType(column.type());
      nullable[i] = column.nullable();
      mins[i] = column.min().orElse(Double.NEGATIVE_INFINITY);
      maxes[i] = column.max().orElse(Double.POSITIVE_INFINITY);
    }
  }

  /** The validator of rows of {@code table}. */
  public static RowValidator of(TableMetadata table) {
    List<Set<String>> domains = new java.util.ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      domains.add(column.domain().<Set<String>>map(HashSet::new).orElse(null));
    }
    return new RowValidator(table, domains);
  }

  /** Why {@code row} breaks the schema (e.g. {@code column 'amount' = -1.0 is below the declared min 0.0}), or null. */
  public String violation(Object[] row) {
    List<ColumnSpec> columns = table.columns();
    if (row.length != columns.size()) {
      return "the row has " + row.length + " values, the table " + columns.size() + " columns";
    }
    for (int i = 0; i < row.length; i++) {
      Object value = row[i];
      if (value == null) {
        if (!nullable[i]) {
          return "column '" + columns.get(i).name() + "' is null but not nullable";
        }
        continue;
      }
      if (!types[i].isInstance(value)) {
        return "column '" + columns.get(i).name() + "' holds a " + value.getClass().getSimpleName() + ", expected "
            + columns.get(i).type().name().toLowerCase(Locale.ROOT);
      }
      if (value instanceof Double && !Double.isFinite((Double) value)
          || value instanceof Float && !Float.isFinite((Float) value)) {
        return "column '" + columns.get(i).name() + "' = " + value + " is not a finite number";
      }
      Set<String> domain = domains.get(i);
      if (domain != null && !domain.contains(String.valueOf(value))) {
        return "column '" + columns.get(i).name() + "' = " + value + " is outside the declared domain "
            + columns.get(i).domain().get();
      }
      if (value instanceof Number) {
        double number = ((Number) value).doubleValue();
        if (number < mins[i]) {
          return "column '" + columns.get(i).name() + "' = " + value + " is below the declared min "
              + columns.get(i).min().get();
        }
        if (number > maxes[i]) {
          return "column '" + columns.get(i).name() + "' = " + value + " is above the declared max "
              + columns.get(i).max().get();
        }
      }
    }
    return null;
  }

  /** The Java class of decoded values of {@code type} (see {@link io.synthforge.transform.ColumnTransform}). */
  static Class<?> javaType(ColumnType type) {
    switch (type) {
      case STRING:
        return String.class;
      case BOOLEAN:
        return Boolean.class;
      case INT:
        return Integer.class;
      case LONG:
        return Long.class;
      case FLOAT:
        return Float.class;
      case DOUBLE:
        return Double.class;
      case DATE:
        return LocalDate.class;
      case TIMESTAMP:
        return Instant.class;
      default:
        throw new IllegalArgumentException("Unknown column type " + type);
    }
  }
}
