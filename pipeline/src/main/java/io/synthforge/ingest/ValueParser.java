package io.synthforge.ingest;

import io.synthforge.api.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads one text value as a column type, giving the Java value Spark expects with its Java 8 date/time API
 * ({@code LocalDate} for dates, {@code Instant} for timestamps). Timestamps without a zone are read as UTC.
 */
public final class ValueParser {
  private static final DateTimeFormatter LOCAL_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
          .toFormatter(Locale.ROOT);

  private ValueParser() {}

  /** The value of {@code text} as {@code type}; throws {@link IllegalArgumentException} naming the problem. */
  public static Object parse(String text, ColumnType type) {
    switch (type) {
      case STRING:
        return text;
      case BOOLEAN:
        return parseBoolean(text);
      case INT:
        return Integer.valueOf(integral(text, type));
      case LONG:
        return Long.valueOf(integral(text, type));
      case FLOAT:
        return Float.valueOf(finite(text, type));
      case DOUBLE:
        return Double.valueOf(finite(text, type));
      case DATE:
        return parseDate(text);
      case TIMESTAMP:
        return parseTimestamp(text);
      default:
        throw new IllegalArgumentException("unsupported type " + type);
    }
  }

  private static Boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "t":
      case "yes":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "f":
      case "no":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("cannot read '" + text + "' as boolean");
    }
  }

  private static String integral(String text, ColumnType type) {
    String candidate = text.startsWith("+") ? text.substring(1) : text;
    try {
      if (type == ColumnType.INT) {
        Integer.parseInt(candidate);
      } else {
        Long.parseLong(candidate);
      }
      return candidate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cannot read '" + text + "' as " + type.name().toLowerCase(Locale.ROOT));
    }
  }

  private static String finite(String text, ColumnType type) {
    try {
      double value = Double.parseDouble(text);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("'" + text + "' is not a finite number");
      }
      return text;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cannot read '" + text + "' as " + type.name().toLowerCase(Locale.ROOT));
    }
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read '" + text + "' as a date (expected yyyy-MM-dd)");
    }
  }

  private static Instant parseTimestamp(String text) {
    try {
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (text.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
      return LocalDateTime.parse(text, LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("cannot read '" + text + "' as a timestamp (expected ISO-8601)");
    }
  }

  /** The value as a double for range checks and transforms (epoch days or millis for dates and timestamps). */
  public static double numeric(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof LocalDate) {
      return ((LocalDate) value).toEpochDay();
    }
    if (value instanceof Instant) {
      return ((Instant) value).toEpochMilli();
    }
    throw new IllegalArgumentException("not a number: " + value);
  }
}
