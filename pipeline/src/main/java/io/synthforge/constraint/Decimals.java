package io.synthforge.constraint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A numeric column with a fixed number of decimals: {@code amount has 2 decimals}, {@code count is integer} (0
 * decimals). Enforced by construction: generated and derived values are rounded to it.
 */
public final class Decimals implements Constraint {
  private static final long serialVersionUID = 1L;
  /** The most decimals a constraint can ask for. */
  public static final int MAX_PLACES = 9;

  private final String column;
  private final int places;

  public Decimals(String column, int places) {
    this.column = Objects.requireNonNull(column, "column");
    if (places < 0 || places > MAX_PLACES) {
      throw new ConstraintException("Cannot build decimals constraint of column '" + column + "': " + places
          + " decimals is outside [0, " + MAX_PLACES + "]");
    }
    this.places = places;
  }

  public String column() {
    return column;
  }

  /** The number of decimals (0: whole numbers). */
  public int places() {
    return places;
  }

  @Override
  public String kind() {
    return "decimals";
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.empty();
  }

  @Override
  public List<String> bodyColumns() {
    return List.of(column);
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    double value = schema.number(row, column);
    if (Double.isNaN(value)) {
      return Outcome.NOT_APPLICABLE;
    }
    double scaled = value * Math.pow(10, places);
    return Math.abs(scaled - Math.rint(scaled)) <= RowSchema.slack(scaled) ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public boolean enforce(Object[] row, RowSchema schema) {
    double value = schema.number(row, column);
    if (Double.isNaN(value)) {
      return false;
    }
    row[schema.position(column)] = Values.typed(Values.round(value, places), schema.spec(column).type());
    return true;
  }

  @Override
  public String text() {
    return places == 0 ? ConstraintText.name(column) + " is integer"
        : ConstraintText.name(column) + " has " + places + " decimals";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Decimals && column.equals(((Decimals) other).column) && places == ((Decimals) other).places;
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, places);
  }

  @Override
  public String toString() {
    return text();
  }
}
