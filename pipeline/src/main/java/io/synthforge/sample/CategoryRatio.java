package io.synthforge.sample;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A user's {@code COL=VALUE:SHARE}: "exactly {@code round(share * rows)} generated rows have this category".
 * Immutable; the share must lie in (0, 1].
 */
public final class CategoryRatio implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CategoryCondition condition;
  private final double share;

  private CategoryRatio(CategoryCondition condition, double share) {
    this.condition = condition;
    this.share = share;
  }

  /** The ratio "{@code share} of the rows have {@code condition}". */
  public static CategoryRatio of(CategoryCondition condition, double share) {
    Objects.requireNonNull(condition, "condition");
    if (!(share > 0.0 && share <= 1.0)) {
      throw new UsageException("Cannot use ratio " + condition + ":" + share + ": the share must be in (0, 1]");
    }
    return new CategoryRatio(condition, share);
  }

  /** Parses {@code COL=VALUE:SHARE} (the last ':' separates the share). */
  public static CategoryRatio parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new UsageException("Cannot read ratio '" + text + "': expected COLUMN=VALUE:SHARE, e.g. is_fraud=1:0.3");
    }
    double share;
    try {
      share = Double.parseDouble(text.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Cannot read ratio '" + text + "': '" + text.substring(colon + 1) + "' is not a number");
    }
    return of(CategoryCondition.parse(text.substring(0, colon)), share);
  }

  public CategoryCondition condition() {
    return condition;
  }

  /** The share of the rows, in (0, 1]. */
  public double share() {
    return share;
  }

  /** The exact number of rows out of {@code rows} that carry the condition: {@code round(share * rows)}. */
  public long rowsOf(long rows) {
    return Math.round(share * rows);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CategoryRatio && condition.equals(((CategoryRatio) other).condition)
        && Double.compare(share, ((CategoryRatio) other).share) == 0;
  }

  @Override
  public int hashCode() {
    return condition.hashCode() * 31 + Double.hashCode(share);
  }

  @Override
  public String toString() {
    return condition + ":" + String.format(Locale.ROOT, "%s", share);
  }
}
