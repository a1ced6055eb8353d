package io.synthforge.eval;

import io.synthforge.api.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an evaluation computes and how: the utility target, the root seed, sample caps and bin counts. Immutable;
 * every field is recorded in the report, so the options are the evaluation's provenance.
 */
public final class EvaluationOptions {
  /** How a continuous column is discretised when paired with a categorical one. */
  public enum PairBinning {
    /** Equal-width bins over the real range, as SDMetrics' ContingencySimilarity ({@code np.histogram_bin_edges}). */
    EQUAL_WIDTH,
    /** Bins between quantiles of the real column (equal real mass per bin). */
    QUANTILE
  }

  private final String target;
  private final String positiveValue;
  private final long seed;
  private final int pairBins;
  private final PairBinning pairBinning;
  private final int histogramBins;
  private final int topCategories;
  private final int privacySampleCap;
  private final int privacyReferenceCap;
  private final int gbtMaxIter;
  private final int gbtMaxDepth;
  private final int lrMaxIter;

  private EvaluationOptions(Builder builder) {
    this.target = builder.target;
    this.positiveValue = builder.positiveValue;
    this.seed = builder.seed;
    this.pairBins = builder.pairBins;
    this.pairBinning = builder.pairBinning;
    this.histogramBins = builder.histogramBins;
    this.topCategories = builder.topCategories;
    this.privacySampleCap = builder.privacySampleCap;
    this.privacyReferenceCap = builder.privacyReferenceCap;
    this.gbtMaxIter = builder.gbtMaxIter;
    this.gbtMaxDepth = builder.gbtMaxDepth;
    this.lrMaxIter = builder.lrMaxIter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: no utility target, seed 42, SDMetrics' 10 equal-width pair bins, 5,000-row privacy samples. */
  public static EvaluationOptions defaults() {
    return builder().build();
  }

  /** The binary target of the utility models, when utility is wanted. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The target value that counts as the positive class. */
  public Optional<String> positiveValue() {
    return Optional.ofNullable(positiveValue);
  }

  /** The root seed; every sampling and model seed is derived from it with {@link #seedFor}. */
  public long seed() {
    return seed;
  }

  /** The seed of one named use (e.g. {@code privacy.synthetic-sample}), derived from the root seed. */
  public long seedFor(String purpose) {
    long hash = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < purpose.length(); i++) {
      hash = (hash ^ purpose.charAt(i)) * 0x100000001B3L;
    }
    return hash & Long.MAX_VALUE;
  }

  /** Bins of a continuous column in a mixed (continuous × categorical) pair; SDMetrics uses 10. */
  public int pairBins() {
    return pairBins;
  }

  public PairBinning pairBinning() {
    return pairBinning;
  }

  /** Bins of the report's per-column histograms (between real quantiles). */
  public int histogramBins() {
    return histogramBins;
  }

  /** Categories shown per column in the report's bar charts; the rest are summed as "other". */
  public int topCategories() {
    return topCategories;
  }

  /** Synthetic rows and holdout rows whose distance to closest record is measured (each sampled down to this). */
  public int privacySampleCap() {
    return privacySampleCap;
  }

  /** Real training rows held in memory as the nearest-neighbour reference (sampled down to this). */
  public int privacyReferenceCap() {
    return privacyReferenceCap;
  }

  public int gbtMaxIter() {
    return gbtMaxIter;
  }

  public int gbtMaxDepth() {
    return gbtMaxDepth;
  }

  public int lrMaxIter() {
    return lrMaxIter;
  }

  /** Every option as text, in a stable order, for the report's provenance. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("target", String.valueOf(target));
    described.put("positive-value", String.valueOf(positiveValue));
    described.put("seed", String.valueOf(seed));
    described.put("pair-bins", String.valueOf(pairBins));
    described.put("pair-binning", pairBinning.name().toLowerCase(java.util.Locale.ROOT));
    described.put("histogram-bins", String.valueOf(histogramBins));
    described.put("top-categories", String.valueOf(topCategories));
    described.put("privacy-sample-cap", String.valueOf(privacySampleCap));
    described.put("privacy-reference-cap", String.valueOf(privacyReferenceCap));
    described.put("gbt-max-iter", String.valueOf(gbtMaxIter));
    described.put("gbt-max-depth", String.valueOf(gbtMaxDepth));
    described.put("lr-max-iter", String.valueOf(lrMaxIter));
    return described;
  }

  /** Builds {@link EvaluationOptions}, checking each value. */
  public static final class Builder {
    private String target;
    private String positiveValue;
    private long seed = 42L;
    private int pairBins = 10;
    private PairBinning pairBinning = PairBinning.EQUAL_WIDTH;
    private int histogramBins = 20;
    private int topCategories = 20;
    private int privacySampleCap = 5_000;
    private int privacyReferenceCap = 200_000;
    private int gbtMaxIter = 50;
    private int gbtMaxDepth = 5;
    private int lrMaxIter = 100;

    private Builder() {}

    /** Train utility models to predict {@code column} == {@code positive}. */
    public Builder target(String column, String positive) {
      this.target = column;
      this.positiveValue = positive;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder pairBins(int value) {
      this.pairBins = value;
      return this;
    }

    public Builder pairBinning(PairBinning value) {
      this.pairBinning = value;
      return this;
    }

    public Builder histogramBins(int value) {
      this.histogramBins = value;
      return this;
    }

    public Builder topCategories(int value) {
      this.topCategories = value;
      return this;
    }

    public Builder privacySampleCap(int value) {
      this.privacySampleCap = value;
      return this;
    }

    public Builder privacyReferenceCap(int value) {
      this.privacyReferenceCap = value;
      return this;
    }

    public Builder gbtMaxIter(int value) {
      this.gbtMaxIter = value;
      return this;
    }

    public Builder gbtMaxDepth(int value) {
      this.gbtMaxDepth = value;
      return this;
    }

    public Builder lrMaxIter(int value) {
      this.lrMaxIter = value;
      return this;
    }

    public EvaluationOptions build() {
      if ((target == null) != (positiveValue == null)) {
        throw new UsageException("Cannot configure utility: give both the target column and its positive value");
      }
      requireAtLeast("pair-bins", pairBins, 2);
      requireAtLeast("histogram-bins", histogramBins, 2);
      requireAtLeast("top-categories", topCategories, 1);
      requireAtLeast("privacy-sample-cap", privacySampleCap, 1);
      requireAtLeast("privacy-reference-cap", privacyReferenceCap, 1);
      requireAtLeast("gbt-max-iter", gbtMaxIter, 1);
      requireAtLeast("gbt-max-depth", gbtMaxDepth, 1);
      requireAtLeast("lr-max-iter", lrMaxIter, 1);
      if (pairBinning == null) {
        throw new UsageException("Cannot configure evaluation: pair-binning is null");
      }
      return new EvaluationOptions(this);
    }

    private static void requireAtLeast(String option, int value, int least) {
      if (value < least) {
        throw new UsageException(
            "Cannot configure evaluation option " + option + "=" + value + ": it must be at least " + least);
      }
    }
  }
}
