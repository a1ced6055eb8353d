package io.synthforge.constraint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A numeric column within bounds (both included), possibly under a condition: {@code amount between 0 and 5000}.
 * Enforced by drawing the rows that break it again.
 */
public final class ValueRange implements Constraint {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final double low;
  private final double high;
  /** Null when the constraint holds on every row (Optional is not serialisable). */
  private final Condition condition;

  public ValueRange(String column, double low, double high, Optional<Condition> condition) {
    this.column = Objects.requireNonNull(column, "column");
    this.low = low;
    this.high = high;
    this.condition = Objects.requireNonNull(condition, "condition").orElse(null);
    if (!(low <= high)) {
      throw new ConstraintException("Cannot build range of column '" + column + "': " + Values.format(low)
          + " is above " + Values.format(high));
    }
  }

  public String column() {
    return column;
  }

  public double low() {
    return low;
  }

  public double high() {
    return high;
  }

  @Override
  public String kind() {
    return "range";
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  @Override
  public List<String> bodyColumns() {
    return List.of(column);
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    if (!Constraint.selected(row, schema, condition())) {
      return Outcome.NOT_APPLICABLE;
    }
    double value = schema.number(row, column);
    if (Double.isNaN(value)) {
      return Outcome.NOT_APPLICABLE;
    }
    double slack = RowSchema.slack(value);
    return value >= low - slack && value <= high + slack ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public String text() {
    return Constraint.withCondition(ConstraintText.name(column) + " between " + Values.format(low) + " and "
        + Values.format(high), condition());
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ValueRange)) {
      return false;
    }
    ValueRange that = (ValueRange) other;
    return column.equals(that.column) && Double.compare(low, that.low) == 0 && Double.compare(high, that.high) == 0
        && Objects.equals(condition, that.condition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, low, high, condition);
  }

  @Override
  public String toString() {
    return text();
  }
}
