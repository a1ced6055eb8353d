package io.synthforge.transform;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the transformer fit needs to know about one column, computed on Spark over all accepted rows: counts,
 * bounds, a uniform sample of the non-null numeric values (continuous and datetime columns) or the exact
 * category counts (discrete columns). Spark-free so transforms are fitted and unit-tested without a cluster.
 */
public final class ColumnProfile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final long count;
  private final long nulls;
  private final double min;
  private final double max;
  private final double[] sample;
  private final Map<String, Long> categoryCounts;

  private ColumnProfile(String column, long count, long nulls, double min, double max, double[] sample,
      Map<String, Long> categoryCounts) {
    this.column = Objects.requireNonNull(column, "column");
    this.count = count;
    this.nulls = nulls;
    this.min = min;
    this.max = max;
    this.sample = sample;
    this.categoryCounts = categoryCounts;
  }

  /**
   * A numeric column's profile. {@code sample} holds non-null values (numbers, or epoch days/millis for
   * datetimes) drawn uniformly from all rows; {@code min}/{@code max} are over all rows.
   */
  public static ColumnProfile numeric(String column, long count, long nulls, double min, double max, double[] sample) {
    return new ColumnProfile(column, count, nulls, min, max, sample.clone(), null);
  }

  /** A discrete column's profile: exact counts of each non-null value (as text). */
  public static ColumnProfile discrete(String column, long count, long nulls, Map<String, Long> categoryCounts) {
    return new ColumnProfile(column, count, nulls, Double.NaN, Double.NaN, null, new LinkedHashMap<>(categoryCounts));
  }

  public String column() {
    return column;
  }

  /** Rows seen, nulls included. */
  public long count() {
    return count;
  }

  /** Rows where the value is missing. */
  public long nulls() {
    return nulls;
  }

  /** Smallest non-null value over all rows (numeric profiles only; NaN otherwise). */
  public double min() {
    return min;
  }

  /** Largest non-null value over all rows (numeric profiles only; NaN otherwise). */
  public double max() {
    return max;
  }

  /** Whether this is a numeric profile. */
  public boolean isNumeric() {
    return sample != null;
  }

  /** A uniform sample of the non-null values (numeric profiles only). */
  public double[] sample() {
    if (sample == null) {
      throw new IllegalStateException("Cannot read the sample of column '" + column + "': it is profiled as discrete");
    }
    return sample.clone();
  }

  /** Exact counts of each non-null value (discrete profiles only). */
  public Map<String, Long> categoryCounts() {
    if (categoryCounts == null) {
      throw new IllegalStateException("Cannot read category counts of column '" + column + "': it is profiled as numeric");
    }
    return java.util.Collections.unmodifiableMap(categoryCounts);
  }
}
