package io.synthforge.constraint;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/** One side of an equality or inequality: a column, a number or a category. Immutable. */
public final class Operand implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final double number;
  private final String label;

  private Operand(String column, double number, String label) {
    this.column = column;
    this.number = number;
    this.label = label;
  }

  /** The value of {@code name} in the row. */
  public static Operand column(String name) {
    return new Operand(Objects.requireNonNull(name, "name"), Double.NaN, null);
  }

  /** A numeric constant. */
  public static Operand number(double value) {
    if (!Double.isFinite(value)) {
      throw new ConstraintException("Cannot use " + value + " in a constraint: constants must be finite numbers");
    }
    return new Operand(null, value, null);
  }

  /** A category constant (compared as a label). */
  public static Operand label(String value) {
    return new Operand(null, Double.NaN, Objects.requireNonNull(value, "value"));
  }

  /** The column, when this operand is one. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  public boolean isColumn() {
    return column != null;
  }

  public boolean isLabel() {
    return label != null;
  }

  /** The numeric constant (NaN unless this is one). */
  public double constant() {
    return number;
  }

  /** The category constant (null unless this is one). */
  public String labelValue() {
    return label;
  }

  /** This operand's number in {@code row} (NaN when missing). */
  double number(Object[] row, RowSchema schema) {
    return column != null ? schema.number(row, column) : number;
  }

  /** This operand's label in {@code row} (null when missing). */
  String label(Object[] row, RowSchema schema) {
    if (column != null) {
      return schema.label(row, column);
    }
    return label != null ? label : Values.format(number);
  }

  /** As written in a constraint. */
  public String text() {
    if (column != null) {
      return ConstraintText.name(column);
    }
    return label != null ? ConstraintText.value(label) : Values.format(number);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Operand)) {
      return false;
    }
    Operand that = (Operand) other;
    return Objects.equals(column, that.column) && Objects.equals(label, that.label)
        && Double.compare(number, that.number) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, number, label);
  }

  @Override
  public String toString() {
    return text();
  }
}
