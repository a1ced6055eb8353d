package io.synthforge.constraint;

import io.synthforge.api.ColumnType;
import io.synthforge.transform.ColumnValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How constraints see a row's values, whatever produced the row (the decoder's {@code Instant}/{@code LocalDate},
 * Spark's {@code java.sql.Timestamp}/{@code java.sql.Date}, boxed numbers of any width): numbers as doubles
 * (dates as epoch days, timestamps as epoch millis, as the transformer does) and categories as their text.
 */
public final class Values {
  private Values() {}

  /** {@code value} as a number, or NaN when it is missing or not a number. */
  public static double number(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Instant) {
      return ((Instant) value).toEpochMilli();
    }
    if (value instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) value).getTime();
    }
    if (value instanceof LocalDate) {
      return ((LocalDate) value).toEpochDay();
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate().toEpochDay();
    }
    return Double.NaN;
  }

  /** {@code value} as a category label, or null when it is missing; whole floating-point numbers print as integers. */
  public static String label(Object value) {
    if (value instanceof String) {
      return (String) value; // the common case, first
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        return Long.toString((long) number);
      }
    }
    return String.valueOf(value);
  }

  /** The value of a {@code type} column that the number {@code value} stands for (the inverse of {@link #number}). */
  public static Object typed(double value, ColumnType type) {
    // The transformer's own decoding, so a derived column is typed exactly as a generated one.
    return ColumnValues.fromDouble(value, type);
  }

  /** {@code value} rounded to {@code decimals} places (none when negative). */
  public static double round(double value, int decimals) {
    if (decimals < 0 || !Double.isFinite(value)) {
      return value;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      // A whole number is already rounded to any decimals (and the decimal text below is slow on a per-row path).
      return value == 0 ? 0.0 : value;
    }
    // Decimal rounding of the shortest text, so that 1.515 (stored as 1.51499...) rounds up as a person expects.
    double rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    // -0.0 would print as such and compare oddly in text; a rounded zero is zero.
    return rounded == 0 ? 0.0 : rounded;
  }

  /** The shortest text of {@code number}: {@code 0}, {@code 2.5}, {@code -1000}. */
  public static String format(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
