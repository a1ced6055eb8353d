package io.synthforge.transform;

import java.io.Serializable;
import java.util.Objects;

/** How the table transformer is fitted. Immutable; built with {@link #builder()}; defaults follow CTGAN. */
public final class TransformOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxModes;
  private final double minModeWeight;
  private final double weightConcentration;
  private final double spikeShare;
  private final int maxSpikes;
  private final double spikeFloor;
  private final double foldRareBelow;
  private final double stdDevsPerUnit;
  private final double scalarClip;
  private final int maxIterations;
  private final double logScaleRatio;

  private TransformOptions(Builder builder) {
    this.maxModes = builder.maxModes;
    this.minModeWeight = builder.minModeWeight;
    this.weightConcentration = builder.weightConcentration;
    this.spikeShare = builder.spikeShare;
    this.maxSpikes = builder.maxSpikes;
    this.spikeFloor = builder.spikeFloor;
    this.foldRareBelow = builder.foldRareBelow;
    this.stdDevsPerUnit = builder.stdDevsPerUnit;
    this.scalarClip = builder.scalarClip;
    this.maxIterations = builder.maxIterations;
    this.logScaleRatio = builder.logScaleRatio;
  }

  /** The defaults: 10 modes, weight floor 0.005, concentration 0.001, 5% spikes (at most 5), no folding. */
  public static TransformOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts as a copy of these options. */
  public Builder toBuilder() {
    return new Builder()
        .maxModes(maxModes)
        .minModeWeight(minModeWeight)
        .weightConcentration(weightConcentration)
        .spikeShare(spikeShare)
        .maxSpikes(maxSpikes)
        .spikeFloor(spikeFloor)
        .foldRareBelow(foldRareBelow)
        .stdDevsPerUnit(stdDevsPerUnit)
        .scalarClip(scalarClip)
        .maxIterations(maxIterations)
        .logScaleRatio(logScaleRatio);
  }

  /** The most Gaussian modes fitted to a continuous column (CTGAN: 10). */
  public int maxModes() {
    return maxModes;
  }

  /** Modes whose mixture weight falls below this are pruned (CTGAN: 0.005). */
  public double minModeWeight() {
    return minModeWeight;
  }

  /** The Dirichlet concentration on the mixture weights; below 1 it drives unused modes to zero (CTGAN: 0.001). */
  public double weightConcentration() {
    return weightConcentration;
  }

  /**
   * A single value holding at least this share of a column's non-null sample, not counting the values of more
   * frequent spikes, becomes its own mode (and at least {@link #spikeFloor()} of the whole sample). Counting
   * within the rest finds the nested spikes of a zero-inflated column: Adult's capital-gain is 0 in 92 % of
   * rows, and 15024, 7688, 7298 and 99999 each hold about a tenth of the others and decide the income label.
   */
  public double spikeShare() {
    return spikeShare;
  }

  /** The most spike modes per column (the most frequent win). */
  public int maxSpikes() {
    return maxSpikes;
  }

  /** The least share of a column's whole non-null sample a spike holds, so a nested spike is never a handful. */
  public double spikeFloor() {
    return spikeFloor;
  }

  /** Categories rarer than this share of the non-null rows fold into one "other" category; 0 turns it off. */
  public double foldRareBelow() {
    return foldRareBelow;
  }

  /** How many standard deviations of a mode map to one unit of the scalar (CTGAN: 4). */
  public double stdDevsPerUnit() {
    return stdDevsPerUnit;
  }

  /** The scalar is clipped to [-scalarClip, scalarClip] (CTGAN: 1, the range of tanh). */
  public double scalarClip() {
    return scalarClip;
  }

  /** The most EM iterations per mixture fit. */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * A continuous column whose non-spike values are all positive and whose largest value is at least this many
   * times its median gets its modes fitted to {@code log(x)} (money amounts and other heavy right tails, whose
   * far values a linear mode would clip); 0 turns log scales off.
   */
  public double logScaleRatio() {
    return logScaleRatio;
  }

  /** The options as provenance entries ({@code transform.kebab-case} keys). */
  public java.util.Map<String, String> describe() {
    java.util.Map<String, String> described = new java.util.LinkedHashMap<>();
    described.put("transform.max-modes", Integer.toString(maxModes));
    described.put("transform.min-mode-weight", Double.toString(minModeWeight));
    described.put("transform.weight-concentration", Double.toString(weightConcentration));
    described.put("transform.spike-share", Double.toString(spikeShare));
    described.put("transform.max-spikes", Integer.toString(maxSpikes));
    described.put("transform.spike-floor", Double.toString(spikeFloor));
    described.put("transform.fold-rare-below", Double.toString(foldRareBelow));
    described.put("transform.std-devs-per-unit", Double.toString(stdDevsPerUnit));
    described.put("transform.scalar-clip", Double.toString(scalarClip));
    described.put("transform.max-iterations", Integer.toString(maxIterations));
    described.put("transform.log-scale-ratio", Double.toString(logScaleRatio));
    return described;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TransformOptions)) {
      return false;
    }
    TransformOptions that = (TransformOptions) other;
    return maxModes == that.maxModes
        && minModeWeight == that.minModeWeight
        && weightConcentration == that.weightConcentration
        && spikeShare == that.spikeShare
        && maxSpikes == that.maxSpikes
        && foldRareBelow == that.foldRareBelow
        && stdDevsPerUnit == that.stdDevsPerUnit
        && scalarClip == that.scalarClip
        && maxIterations == that.maxIterations
        && logScaleRatio == that.logScaleRatio;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxModes, minModeWeight, weightConcentration, spikeShare, maxSpikes, foldRareBelow,
        stdDevsPerUnit, scalarClip, maxIterations, logScaleRatio);
  }

  @Override
  public String toString() {
    return "TransformOptions(maxModes=" + maxModes + ", minModeWeight=" + minModeWeight
        + ", weightConcentration=" + weightConcentration + ", spikeShare=" + spikeShare + ", maxSpikes=" + maxSpikes + ", spikeFloor=" + spikeFloor
        + ", foldRareBelow=" + foldRareBelow + ", stdDevsPerUnit=" + stdDevsPerUnit + ", scalarClip=" + scalarClip
        + ", maxIterations=" + maxIterations + ", logScaleRatio=" + logScaleRatio + ")";
  }

  /** Builds {@link TransformOptions}, checking each value when built. */
  public static final class Builder {
    private int maxModes = 10;
    private double minModeWeight = 0.005;
    private double weightConcentration = 0.001;
    private double spikeShare = 0.05;
    private int maxSpikes = 10;
    private double spikeFloor = 0.002;
    private double foldRareBelow = 0.0;
    private double stdDevsPerUnit = 4.0;
    private double scalarClip = 1.0;
    private int maxIterations = 200;
    private double logScaleRatio = 50.0;

    private Builder() {}

    public Builder maxModes(int value) {
      this.maxModes = value;
      return this;
    }

    public Builder minModeWeight(double value) {
      this.minModeWeight = value;
      return this;
    }

    public Builder weightConcentration(double value) {
      this.weightConcentration = value;
      return this;
    }

    public Builder spikeShare(double value) {
      this.spikeShare = value;
      return this;
    }

    public Builder maxSpikes(int value) {
      this.maxSpikes = value;
      return this;
    }

    public Builder spikeFloor(double value) {
      this.spikeFloor = value;
      return this;
    }

    public Builder foldRareBelow(double value) {
      this.foldRareBelow = value;
      return this;
    }

    public Builder stdDevsPerUnit(double value) {
      this.stdDevsPerUnit = value;
      return this;
    }

    public Builder scalarClip(double value) {
      this.scalarClip = value;
      return this;
    }

    public Builder maxIterations(int value) {
      this.maxIterations = value;
      return this;
    }

    public Builder logScaleRatio(double value) {
      this.logScaleRatio = value;
      return this;
    }

    /** The options, once every value is checked. */
    public TransformOptions build() {
      check(maxModes >= 1, "maxModes must be at least 1, got " + maxModes);
      check(minModeWeight >= 0 && minModeWeight < 1, "minModeWeight must be in [0, 1), got " + minModeWeight);
      check(weightConcentration > 0, "weightConcentration must be positive, got " + weightConcentration);
      check(spikeShare > 0 && spikeShare <= 1, "spikeShare must be in (0, 1], got " + spikeShare);
      check(maxSpikes >= 0, "maxSpikes must not be negative, got " + maxSpikes);
      check(spikeFloor > 0 && spikeFloor <= 1, "spikeFloor must be in (0, 1], got " + spikeFloor);
      check(foldRareBelow >= 0 && foldRareBelow < 1, "foldRareBelow must be in [0, 1), got " + foldRareBelow);
      check(stdDevsPerUnit > 0, "stdDevsPerUnit must be positive, got " + stdDevsPerUnit);
      check(scalarClip > 0 && scalarClip <= 1, "scalarClip must be in (0, 1], got " + scalarClip);
      check(maxIterations >= 1, "maxIterations must be at least 1, got " + maxIterations);
      check(logScaleRatio == 0 || logScaleRatio > 1, "logScaleRatio must be 0 (off) or above 1, got " + logScaleRatio);
      return new TransformOptions(this);
    }

    private static void check(boolean condition, String why) {
      if (!condition) {
        throw new TransformException("Cannot build transform options: " + why);
      }
    }
  }
}
