package io.synthforge.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A table's name and ordered columns, with their roles. Immutable; the Spark-free view of a table schema. */
public final class TableMetadata implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<ColumnSpec> columns;

  private TableMetadata(String name, List<ColumnSpec> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /** A table of the given columns; names must be unique and non-empty. */
  public static TableMetadata of(String name, List<ColumnSpec> columns) {
    if (columns.isEmpty()) {
      throw new InvalidSchemaException("Cannot define table '" + name + "': it has no columns");
    }
    Set<String> seen = new HashSet<>();
    for (ColumnSpec column : columns) {
      if (!seen.add(column.name())) {
        throw new InvalidSchemaException(
            "Cannot define table '" + name + "': column '" + column.name() + "' appears twice");
      }
    }
    return new TableMetadata(name, columns);
  }

  public String name() {
    return name;
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (ColumnSpec column : columns) {
      names.add(column.name());
    }
    return names;
  }

  /** The column called {@code columnName}, if any. */
  public Optional<ColumnSpec> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The position of {@code columnName}, or -1. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /** The columns the generator learns (everything but identifiers). */
  public List<ColumnSpec> learnedColumns() {
    List<ColumnSpec> learned = new ArrayList<>();
    for (ColumnSpec column : columns) {
      if (column.role() != ColumnRole.IDENTIFIER) {
        learned.add(column);
      }
    }
    return learned;
  }

  /** A copy with {@code replacement} in place of the column of the same name. */
  public TableMetadata withColumn(ColumnSpec replacement) {
    List<ColumnSpec> updated = new ArrayList<>(columns);
    int index = indexOf(replacement.name());
    if (index < 0) {
      throw new InvalidSchemaException(
          "Cannot replace column '" + replacement.name() + "' in table '" + name + "': no such column");
    }
    updated.set(index, replacement);
    return new TableMetadata(name, updated);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableMetadata
        && name.equals(((TableMetadata) other).name)
        && columns.equals(((TableMetadata) other).columns);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + columns.hashCode();
  }

  @Override
  public String toString() {
    return name + columns;
  }
}
