package io.synthforge.constraint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * "When column {@code c} takes one of these values": the rows a conditional constraint is about. The column is a
 * categorical or label column; values are compared as labels (see {@link Values#label}), and a missing value
 * never matches. Immutable.
 */
public final class Condition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final List<String> values;
  private final Set<String> lookup;

  private Condition(String column, List<String> values) {
    this.column = Objects.requireNonNull(column, "column");
    if (values.isEmpty()) {
      throw new ConstraintException("Cannot build a condition on column '" + column + "': it names no value");
    }
    this.values = List.copyOf(new LinkedHashSet<>(values));
    this.lookup = Set.copyOf(values);
  }

  /** "When {@code column} in {@code values}" (duplicates dropped, order kept). */
  public static Condition in(String column, List<String> values) {
    return new Condition(column, new ArrayList<>(values));
  }

  public String column() {
    return column;
  }

  /** The values, in the order written. */
  public List<String> values() {
    return values;
  }

  /** Whether {@code row} is one of the rows this condition selects. */
  public boolean applies(Object[] row, RowSchema schema) {
    String label = schema.label(row, column);
    return label != null && lookup.contains(label);
  }

  /** Whether {@code label} is one of the values. */
  public boolean contains(String label) {
    return lookup.contains(label);
  }

  /** {@code when type in (TRANSFER, CASH_OUT)}. */
  public String text() {
    return "when " + ConstraintText.name(column) + " in " + ConstraintText.valueList(values);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Condition && column.equals(((Condition) other).column)
        && lookup.equals(((Condition) other).lookup);
  }

  @Override
  public int hashCode() {
    return column.hashCode() * 31 + lookup.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
