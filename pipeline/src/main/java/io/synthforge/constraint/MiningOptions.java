package io.synthforge.constraint;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How ingest looks for relations: which to keep ({@code relations.min-support}), which to enforce
 * ({@code relations.enforce-support}, in {@link RelationsMode#ENFORCE}), how many rows a category must hold to
 * condition a relation ({@code relations.min-rows}), which categorical columns may condition one
 * ({@code relations.max-condition-values} values at most) and over how many numeric columns sums are searched.
 * Immutable.
 */
public final class MiningOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RelationsMode mode;
  private final double minSupport;
  private final double enforceSupport;
  private final long minRows;
  private final int maxConditionValues;
  private final int maxSumColumns;

  private MiningOptions(Builder builder) {
    this.mode = builder.mode;
    this.minSupport = builder.minSupport;
    this.enforceSupport = builder.enforceSupport;
    this.minRows = builder.minRows;
    this.maxConditionValues = builder.maxConditionValues;
    this.maxSumColumns = builder.maxSumColumns;
  }

  public static MiningOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public RelationsMode mode() {
    return mode;
  }

  /** The share of rows a relation must hold on to be recorded (0.995). */
  public double minSupport() {
    return minSupport;
  }

  /** The share of rows a relation must hold on to be enforced in {@link RelationsMode#ENFORCE} (0.999). */
  public double enforceSupport() {
    return enforceSupport;
  }

  /** The rows a category (or the whole table) must hold for a relation to be judged on it (30). */
  public long minRows() {
    return minRows;
  }

  /** The most values a categorical column may have to condition relations (20). */
  public int maxConditionValues() {
    return maxConditionValues;
  }

  /** The most numeric columns searched for sums {@code a + b = c}; beyond it only pairs are searched (16). */
  public int maxSumColumns() {
    return maxSumColumns;
  }

  /** Every option, for provenance and the ingest fingerprint. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("relations", mode.key());
    described.put("relations.min-support", Double.toString(minSupport));
    described.put("relations.enforce-support", Double.toString(enforceSupport));
    described.put("relations.min-rows", Long.toString(minRows));
    described.put("relations.max-condition-values", Integer.toString(maxConditionValues));
    described.put("relations.max-sum-columns", Integer.toString(maxSumColumns));
    return described;
  }

  /** Builds {@link MiningOptions}, checking each value. */
  public static final class Builder {
    private RelationsMode mode = RelationsMode.ENFORCE;
    private double minSupport = 0.995;
    private double enforceSupport = 0.999;
    private long minRows = 30;
    private int maxConditionValues = 20;
    private int maxSumColumns = 16;

    private Builder() {}

    public Builder mode(RelationsMode value) {
      this.mode = value;
      return this;
    }

    public Builder minSupport(double value) {
      this.minSupport = value;
      return this;
    }

    public Builder enforceSupport(double value) {
      this.enforceSupport = value;
      return this;
    }

    public Builder minRows(long value) {
      this.minRows = value;
      return this;
    }

    public Builder maxConditionValues(int value) {
      this.maxConditionValues = value;
      return this;
    }

    public Builder maxSumColumns(int value) {
      this.maxSumColumns = value;
      return this;
    }

    public MiningOptions build() {
      check(minSupport > 0.5 && minSupport <= 1, "--relation-min-support " + minSupport + ": use a share in (0.5, 1]");
      check(enforceSupport >= minSupport && enforceSupport <= 1, "--relation-enforce-support " + enforceSupport
          + ": use a share between --relation-min-support (" + minSupport + ") and 1");
      check(minRows >= 1, "relations.min-rows " + minRows + ": use at least 1");
      check(maxConditionValues >= 2, "relations.max-condition-values " + maxConditionValues + ": use at least 2");
      check(maxSumColumns >= 0 && maxSumColumns <= 40, "relations.max-sum-columns " + maxSumColumns
          + ": use 0 to 40");
      return new MiningOptions(this);
    }

    private static void check(boolean condition, String what) {
      if (!condition) {
        throw new UsageException("Cannot use " + what);
      }
    }
  }
}
