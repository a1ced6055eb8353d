package io.synthforge.constraint;

import java.io.Serializable;
import java.util.Locale;

/**
 * How well a table supports a constraint: of the rows it applies to (its condition holds and its values are
 * present), how many satisfy it. Immutable; additive with {@link #plus}.
 */
public final class Support implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No rows seen. */
  public static final Support NONE = new Support(0, 0);

  private final long rows;
  private final long holding;

  private Support(long rows, long holding) {
    if (rows < 0 || holding < 0 || holding > rows) {
      throw new IllegalArgumentException("Cannot count support of " + holding + " rows out of " + rows);
    }
    this.rows = rows;
    this.holding = holding;
  }

  /** {@code holding} of {@code rows} applicable rows satisfy the constraint. */
  public static Support of(long rows, long holding) {
    return rows == 0 && holding == 0 ? NONE : new Support(rows, holding);
  }

  /** Rows the constraint applies to. */
  public long rows() {
    return rows;
  }

  /** Applicable rows that satisfy it. */
  public long holding() {
    return holding;
  }

  /** Applicable rows that break it. */
  public long violating() {
    return rows - holding;
  }

  /** The share of applicable rows that satisfy it; 1 when it applies to no row (nothing contradicts it). */
  public double share() {
    return rows == 0 ? 1.0 : holding / (double) rows;
  }

  /** The sum of both counts. */
  public Support plus(Support other) {
    return of(rows + other.rows, holding + other.holding);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Support && rows == ((Support) other).rows && holding == ((Support) other).holding;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rows) * 31 + Long.hashCode(holding);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4f%% of %,d rows", 100 * share(), rows);
  }
}
