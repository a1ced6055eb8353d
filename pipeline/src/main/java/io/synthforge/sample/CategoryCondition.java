package io.synthforge.sample;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.util.Objects;

/**
 * A user's {@code COL=VALUE}: "every generated row has this category in this discrete column". Immutable; the
 * text is checked when built, the column and value against the model when the {@link SamplePlan} is made.
 */
public final class CategoryCondition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String value;

  private CategoryCondition(String column, String value) {
    this.column = column;
    this.value = value;
  }

  /** The condition {@code column = value}. */
  public static CategoryCondition of(String column, String value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    if (column.isBlank()) {
      throw new UsageException("Cannot condition on '" + column + "=" + value + "': the column name is empty");
    }
    return new CategoryCondition(column.trim(), value);
  }

  /** Parses {@code COL=VALUE} (the first '=' separates the column from the value). */
  public static CategoryCondition parse(String text) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new UsageException("Cannot read condition '" + text + "': expected COLUMN=VALUE");
    }
    return of(text.substring(0, equals), text.substring(equals + 1));
  }

  /** The discrete column conditioned on. */
  public String column() {
    return column;
  }

  /** The category, as its text (the label the transformer learned). */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CategoryCondition && column.equals(((CategoryCondition) other).column)
        && value.equals(((CategoryCondition) other).value);
  }

  @Override
  public int hashCode() {
    return column.hashCode() * 31 + value.hashCode();
  }

  @Override
  public String toString() {
    return column + "=" + value;
  }
}
