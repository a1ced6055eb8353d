package io.synthforge.transform;

import io.synthforge.api.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Conversions between typed column values, doubles (for continuous columns) and labels (for categories). */
public final class ColumnValues {
  private ColumnValues() {}

  /** The value as a double: the number itself, epoch days of a date, epoch millis of an instant. */
  static double toDouble(Object value, ColumnType type, String column) {
    Object typed = normalise(value, type, column);
    switch (type) {
      case DATE:
        return ((LocalDate) typed).toEpochDay();
      case TIMESTAMP:
        return ((Instant) typed).toEpochMilli();
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return ((Number) typed).doubleValue();
      default:
        throw new TransformException("Cannot encode value '" + value + "' in column '" + column
            + "': a " + type + " column cannot be continuous");
    }
  }

  /** The typed value of a double produced by a continuous transform (already rounded where integral). */
  public static Object fromDouble(double value, ColumnType type) {
    switch (type) {
      case INT:
        return (int) Math.round(value);
      case LONG:
        return Math.round(value);
      case FLOAT:
        return (float) value;
      case DOUBLE:
        return value;
      case DATE:
        return LocalDate.ofEpochDay(Math.round(value));
      case TIMESTAMP:
        return Instant.ofEpochMilli(Math.round(value));
      default:
        throw new IllegalArgumentException("Cannot decode a number as " + type);
    }
  }

  /** {@code value} as the canonical Java type of {@code type}; numbers are converted between boxed types. */
  static Object normalise(Object value, ColumnType type, String column) {
    switch (type) {
      case STRING:
        return expect(value, String.class, type, column);
      case BOOLEAN:
        return expect(value, Boolean.class, type, column);
      case INT:
        return expect(value, Number.class, type, column) instanceof Integer ? value : ((Number) value).intValue();
      case LONG:
        return expect(value, Number.class, type, column) instanceof Long ? value : ((Number) value).longValue();
      case FLOAT:
        return expect(value, Number.class, type, column) instanceof Float ? value : ((Number) value).floatValue();
      case DOUBLE:
        return expect(value, Number.class, type, column) instanceof Double ? value : ((Number) value).doubleValue();
      case DATE:
        return expect(value, LocalDate.class, type, column);
      case TIMESTAMP:
        return expect(value, Instant.class, type, column);
      default:
        throw new IllegalArgumentException("Unknown column type " + type);
    }
  }

  private static Object expect(Object value, Class<?> javaType, ColumnType type, String column) {
    if (!javaType.isInstance(value)) {
      throw new TransformException("Cannot encode value '" + value + "' in column '" + column + "': expected a "
          + type + " (" + javaType.getSimpleName() + "), found " + value.getClass().getSimpleName());
    }
    return value;
  }

  /**
   * The typed value a category label stands for. Labels are the values' text: {@code String.valueOf} for
   * numbers and booleans, ISO-8601 for dates ({@code 2024-01-31}) and instants ({@code 2024-01-31T10:15:30Z}).
   */
  static Object parseLabel(String label, ColumnType type, String column) {
    try {
      switch (type) {
        case STRING:
          return label;
        case BOOLEAN:
          if (label.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
          }
          if (label.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
          }
          throw new IllegalArgumentException("not true or false");
        case INT:
          return Integer.valueOf(label.trim());
        case LONG:
          return Long.valueOf(label.trim());
        case FLOAT:
          return Float.valueOf(label.trim());
        case DOUBLE:
          return Double.valueOf(label.trim());
        case DATE:
          return LocalDate.parse(label.trim());
        case TIMESTAMP:
          return Instant.parse(label.trim());
        default:
          throw new IllegalArgumentException("unknown type");
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new TransformException(
          "Cannot read category '" + label + "' of column '" + column + "': it is not a valid " + type, e);
    }
  }
}
