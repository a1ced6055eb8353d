package io.synthforge.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column equal to another column or to a constant, possibly only under a condition: {@code a = b},
 * {@code oldbalance_dest = 0 when type in (PAYMENT, DEBIT)}, {@code merchant_category = p2p when type in
 * (TRANSFER)}. Numbers compare within the target's precision, categories as labels. A numeric target is enforced
 * by construction (set from the other side); a categorical one by checking and drawing the row again.
 */
public final class Equality implements Constraint {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final Operand value;
  private final boolean numeric;
  /** Null when the constraint holds on every row (Optional is not serialisable). */
  private final Condition condition;

  /** {@code target = value}; {@code numeric} says whether the columns compare as numbers or as labels. */
  public Equality(String target, Operand value, boolean numeric, Optional<Condition> condition) {
    this.target = Objects.requireNonNull(target, "target");
    this.value = Objects.requireNonNull(value, "value");
    this.numeric = numeric;
    this.condition = Objects.requireNonNull(condition, "condition").orElse(null);
    if (value.column().map(target::equals).orElse(false)) {
      throw new ConstraintException("Cannot build equality of column '" + target + "' with itself");
    }
    if (numeric && value.isLabel()) {
      throw new ConstraintException("Cannot compare numeric column '" + target + "' with the category '"
          + value.labelValue() + "'");
    }
  }

  /** The right side. */
  public Operand value() {
    return value;
  }

  /** Whether the two sides compare as numbers (else as category labels). */
  public boolean numeric() {
    return numeric;
  }

  @Override
  public String kind() {
    return "equality";
  }

  @Override
  public Optional<String> target() {
    return Optional.of(target);
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  @Override
  public List<String> bodyColumns() {
    List<String> columns = new ArrayList<>();
    columns.add(target);
    value.column().ifPresent(columns::add);
    return columns;
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    if (!Constraint.selected(row, schema, condition())) {
      return Outcome.NOT_APPLICABLE;
    }
    if (!numeric) {
      String actual = schema.label(row, target);
      String expected = value.label(row, schema);
      if (actual == null || expected == null) {
        return Outcome.NOT_APPLICABLE;
      }
      return actual.equals(expected) ? Outcome.HOLDS : Outcome.VIOLATED;
    }
    double actual = schema.number(row, target);
    double expected = value.number(row, schema);
    if (Double.isNaN(actual) || Double.isNaN(expected)) {
      return Outcome.NOT_APPLICABLE;
    }
    double tolerance = schema.tolerance(target, Math.max(Math.abs(actual), Math.abs(expected)));
    return Math.abs(actual - expected) <= tolerance ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public boolean enforce(Object[] row, RowSchema schema) {
    if (!numeric || !Constraint.selected(row, schema, condition())) {
      return false;
    }
    double expected = value.number(row, schema);
    if (Double.isNaN(expected)) {
      return false;
    }
    row[schema.position(target)] = Values.typed(Values.round(expected, schema.decimals(target)),
        schema.spec(target).type());
    return true;
  }

  @Override
  public String text() {
    return Constraint.withCondition(ConstraintText.name(target) + " = " + value.text(), condition());
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Equality)) {
      return false;
    }
    Equality that = (Equality) other;
    return target.equals(that.target) && value.equals(that.value) && numeric == that.numeric
        && Objects.equals(condition, that.condition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, value, numeric, condition);
  }

  @Override
  public String toString() {
    return text();
  }
}
