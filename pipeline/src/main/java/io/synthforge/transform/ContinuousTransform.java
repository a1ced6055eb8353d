package io.synthforge.transform;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CTGAN's mode-specific normalisation of a continuous or datetime column, with spikes, nulls, integrality,
 * decimals and bounds handled explicitly. Immutable.
 *
 * <p>Features: one {@link Span.Kind#SCALAR} span, then one non-conditionable {@link Span.Kind#ONE_HOT} span over
 * the column's modes in this order: spike modes (values holding at least {@link TransformOptions#spikeShare()}
 * of the sample values outside more frequent spikes, most frequent first), the null mode (when the profile saw nulls), then the Gaussian modes
 * (ascending mean). A value's mode is the spike it equals, else the Gaussian mode of largest posterior among
 * those whose reach ({@code scalarClip} units) holds it (deterministic); its scalar is {@code (x - mean) / (stdDevsPerUnit * stdDev)} clipped to
 * {@code [-scalarClip, scalarClip]}, and 0 for spikes and nulls. Dates are epoch days, timestamps epoch millis.
 *
 * <p>Decoding takes the argmax of the mode span, then {@code mean + scalar * stdDevsPerUnit * stdDev}, rounds to
 * the column's granularity (whole numbers when the type or every sampled value is integral, else the sample's
 * fixed number of decimals when at most 6) and clips to the profiled {@code [min, max]}.
 *
 * <p><b>Log scale.</b> A heavy right tail (see {@link TransformOptions#logScaleRatio()}) is modelled in
 * {@code log(x)}: the Gaussian modes, the scalar and the clipping live in log space and decoding takes
 * {@code exp} before rounding. A linear mode wide enough for the median would clip the largest amounts to a few
 * deviations; in log space the same modes reach them. The round-trip tolerance becomes relative:
 * {@code |x' - x| <= x * stdDevsPerUnit * stdDev * 2^-23} before rounding.
 *
 * <p><b>Round-trip tolerance.</b> Spikes and nulls come back exactly. A value within {@code stdDevsPerUnit}
 * deviations of its mode's mean (so its scalar is not clipped) comes back within
 * {@code stdDevsPerUnit * stdDev * 2^-24} (the float32 rounding of the scalar), which is at most
 * {@code 1e-6 * (max - min)}; rounding then makes it exact whenever that error is below half the column's step,
 * e.g. integers from modes with a deviation under about 2 million (days, counts, amounts in cents), but not
 * epoch millis spread over months. Fitting adds a tail mode wherever the column's bounds lie beyond every mode's
 * reach ({@link ModeCoverage}), so values inside the profiled range are not clipped (CTGAN clips them). A
 * non-spike value in a column whose sample held only spikes encodes as the nearest spike (lossy).
 */
public final class ContinuousTransform implements ColumnTransform {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DECIMALS = 6;

  private final String column;
  private final ColumnType type;
  private final double[] spikes;
  private final boolean nullMode;
  private final GaussianMixture1D mixture;
  private final int decimals;
  private final double min;
  private final double max;
  private final double stdDevsPerUnit;
  private final double scalarClip;
  private final int modeCount;
  private final int firstGaussianMode;
  private final double decimalScale;
  private final boolean logScale;

  ContinuousTransform(String column, ColumnType type, double[] spikes, boolean nullMode, GaussianMixture1D mixture,
      int decimals, double min, double max, double stdDevsPerUnit, double scalarClip, boolean logScale) {
    this.column = Objects.requireNonNull(column, "column");
    this.type = Objects.requireNonNull(type, "type");
    this.spikes = spikes.clone();
    this.nullMode = nullMode;
    this.mixture = Objects.requireNonNull(mixture, "mixture");
    this.decimals = decimals;
    this.min = min;
    this.max = max;
    this.stdDevsPerUnit = stdDevsPerUnit;
    this.scalarClip = scalarClip;
    this.firstGaussianMode = spikes.length + (nullMode ? 1 : 0);
    this.modeCount = firstGaussianMode + mixture.size();
    this.decimalScale = decimals >= 0 ? Math.pow(10, decimals) : 1.0;
    this.logScale = logScale;
    if (modeCount == 0) {
      throw new TransformException("Cannot build the transform of column '" + column + "': it has no modes");
    }
  }

  /** Fits the transform of a continuous or datetime {@code spec} from its numeric {@code profile}. */
  public static ContinuousTransform fit(ColumnSpec spec, ColumnProfile profile, TransformOptions options, long seed) {
    String name = spec.name();
    if (spec.role() != ColumnRole.CONTINUOUS && spec.role() != ColumnRole.DATETIME) {
      throw new TransformException(
          "Cannot fit a continuous transform to column '" + name + "': its role is " + spec.role().key());
    }
    if (!profile.isNumeric()) {
      throw new TransformException(
          "Cannot fit a continuous transform to column '" + name + "': its profile is discrete, not numeric");
    }
    double[] sample = profile.sample();
    for (double value : sample) {
      if (!Double.isFinite(value)) {
        throw new TransformException(
            "Cannot fit a continuous transform to column '" + name + "': its sample holds " + value);
      }
    }
    boolean nullMode = profile.nulls() > 0;
    if (sample.length == 0 && !nullMode) {
      throw new TransformException("Cannot fit a continuous transform to column '" + name + "': it has no values");
    }
    double[] spikes = findSpikes(sample, options);
    double[] rest = withoutSpikes(sample, spikes);
    int decimals = decimals(sample, spec.type());
    double step = decimals >= 0 ? Math.pow(10, -decimals) : 0.0;
    boolean logScale = hasHeavyRightTail(rest, options.logScaleRatio());
    double[] modelled = logScale ? logs(rest) : rest;
    double restRange = modelled.length == 0 ? 0.0 : max(modelled) - min(modelled);
    GaussianMixture1D mixture = GaussianMixture1D.fitter()
        .maxComponents(options.maxModes())
        .minWeight(options.minModeWeight())
        .weightConcentration(options.weightConcentration())
        .maxIterations(options.maxIterations())
        .minStdDev(logScale ? 1e-3 * restRange : Math.max(1e-3 * restRange, 0.5 * step))
        .seed(seed)
        .fit(modelled);
    // The profile's bounds are over all rows; the sample's guard against a profile without them.
    double lower = sample.length == 0 ? Double.NaN
        : Double.isFinite(profile.min()) ? Math.min(profile.min(), min(sample)) : min(sample);
    double upper = sample.length == 0 ? Double.NaN
        : Double.isFinite(profile.max()) ? Math.max(profile.max(), max(sample)) : max(sample);
    if (modelled.length > 0) {
      mixture = ModeCoverage.cover(mixture, modelled,
          modelledBound(lower, min(modelled), spikes, logScale, true),
          modelledBound(upper, max(modelled), spikes, logScale, false),
          options.stdDevsPerUnit() * options.scalarClip());
    }
    return new ContinuousTransform(name, spec.type(), spikes, nullMode, mixture, decimals, lower, upper,
        options.stdDevsPerUnit(), options.scalarClip(), logScale);
  }

  /**
   * The bound the Gaussian modes must reach, in their units: the column's bound over all rows unless that is a
   * spike (spikes are encoded apart) or not positive on a log scale, else the sample's own.
   */
  private static double modelledBound(double bound, double sampleBound, double[] spikes, boolean logScale,
      boolean lowerBound) {
    boolean usable = Double.isFinite(bound) && spikeIndex(spikes, bound) < 0 && (!logScale || bound > 0);
    double value = usable ? (logScale ? Math.log(bound) : bound) : sampleBound;
    return lowerBound ? Math.min(value, sampleBound) : Math.max(value, sampleBound);
  }

  /** Whether every value is positive and the largest is at least {@code ratio} times the median. */
  static boolean hasHeavyRightTail(double[] values, double ratio) {
    if (ratio == 0 || values.length < 2 || min(values) <= 0) {
      return false;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    return sorted[sorted.length - 1] >= ratio * median;
  }

  private static double[] logs(double[] values) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Math.log(values[i]);
    }
    return result;
  }

  /**
   * The spikes, most frequent first: each holds at least {@code spikeShare} of the values not in a more frequent
   * spike and {@code spikeFloor} of the whole sample, at most {@code maxSpikes} of them.
   */
  private static double[] findSpikes(double[] sample, TransformOptions options) {
    if (sample.length == 0 || options.maxSpikes() == 0) {
      return new double[0];
    }
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    List<double[]> runs = new ArrayList<>();
    int runStart = 0;
    for (int i = 1; i <= sorted.length; i++) {
      if (i == sorted.length || Double.compare(sorted[i], sorted[runStart]) != 0) {
        int count = i - runStart;
        if (count >= options.spikeFloor() * sorted.length) {
          runs.add(new double[] {sorted[runStart], count});
        }
        runStart = i;
      }
    }
    runs.sort((a, b) -> a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[0], b[0]));
    double[] spikes = new double[Math.min(runs.size(), options.maxSpikes())];
    double rest = sorted.length;
    int kept = 0;
    for (double[] run : runs) {
      // Runs come most frequent first and the rest only shrinks: the first run too small ends the search.
      if (kept == spikes.length || run[1] < options.spikeShare() * rest) {
        break;
      }
      spikes[kept++] = run[0];
      rest -= run[1];
    }
    return Arrays.copyOf(spikes, kept);
  }

  private static double[] withoutSpikes(double[] sample, double[] spikes) {
    double[] rest = new double[sample.length];
    int size = 0;
    for (double value : sample) {
      if (spikeIndex(spikes, value) < 0) {
        rest[size++] = value;
      }
    }
    return Arrays.copyOf(rest, size);
  }

  /** The number of decimals every sampled value fits in (0 for integral types), or -1 when more than 6. */
  private static int decimals(double[] sample, ColumnType type) {
    if (type.isIntegral() || type.isTemporal()) {
      return 0;
    }
    int most = 0;
    for (double value : sample) {
      if (value == Math.rint(value)) {
        continue;
      }
      String text = type == ColumnType.FLOAT ? Float.toString((float) value) : Double.toString(value);
      int scale = new BigDecimal(text).stripTrailingZeros().scale();
      if (scale > MAX_DECIMALS) {
        return -1;
      }
      most = Math.max(most, scale);
    }
    return most;
  }

  private static int spikeIndex(double[] spikes, double value) {
    for (int i = 0; i < spikes.length; i++) {
      if (Double.compare(spikes[i], value) == 0) {
        return i;
      }
    }
    return -1;
  }

  private static double min(double[] values) {
    double result = Double.POSITIVE_INFINITY;
    for (double value : values) {
      result = Math.min(result, value);
    }
    return result;
  }

  private static double max(double[] values) {
    double result = Double.NEGATIVE_INFINITY;
    for (double value : values) {
      result = Math.max(result, value);
    }
    return result;
  }

  @Override
  public String column() {
    return column;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public int width() {
    return 1 + modeCount;
  }

  @Override
  public List<Span> spans(int offset) {
    return List.of(Span.scalar(column, offset), Span.oneHot(column, offset + 1, modeLabels(), false));
  }

  /**
   * The labels of the mode span: {@code =<value>} per spike, {@code __null__}, then {@code N(mean,sd)}
   * ({@code logN(mean,sd)} on a log scale).
   */
  public List<String> modeLabels() {
    List<String> labels = new ArrayList<>(modeCount);
    for (double spike : spikes) {
      labels.add("=" + spike);
    }
    if (nullMode) {
      labels.add(Span.NULL_LABEL);
    }
    for (int k = 0; k < mixture.size(); k++) {
      labels.add((logScale ? "logN(" : "N(") + mixture.mean(k) + "," + mixture.stdDev(k) + ")");
    }
    return labels;
  }

  /** The number of modes: spikes, the null mode if any, and Gaussian modes. */
  public int modeCount() {
    return modeCount;
  }

  /** The spike values, most frequent first. */
  public double[] spikes() {
    return spikes.clone();
  }

  /** Whether the column has a null mode. */
  public boolean hasNullMode() {
    return nullMode;
  }

  /** The Gaussian modes of the non-spike values. */
  public GaussianMixture1D mixture() {
    return mixture;
  }

  /** The number of decimals values are rounded to on decoding (0 = whole numbers), or -1 for no rounding. */
  public int decimals() {
    return decimals;
  }

  /** The smallest value decoding can produce (the profiled minimum). */
  public double min() {
    return min;
  }

  /** The largest value decoding can produce (the profiled maximum). */
  public double max() {
    return max;
  }

  /** Whether the Gaussian modes model {@code log(x)} rather than {@code x}. */
  public boolean isLogScale() {
    return logScale;
  }

  /** How many standard deviations of a mode one unit of the scalar spans. */
  public double stdDevsPerUnit() {
    return stdDevsPerUnit;
  }

  /** The bound of the scalar's magnitude. */
  public double scalarClip() {
    return scalarClip;
  }

  @Override
  public void encode(Object value, float[] out, int offset) {
    if (value == null) {
      if (!nullMode) {
        throw new TransformException(
            "Cannot encode null in column '" + column + "': the column had no nulls when the transformer was fitted");
      }
      write(out, offset, spikes.length, 0.0f);
      return;
    }
    encodeValue(ColumnValues.toDouble(value, type, column), out, offset);
  }

  /** Writes the features of the non-null number {@code x} (epoch days or millis for datetimes). */
  public void encodeValue(double x, float[] out, int offset) {
    int spike = spikeIndex(spikes, x);
    if (spike >= 0) {
      write(out, offset, spike, 0.0f);
      return;
    }
    if (mixture.size() == 0) {
      int nearest = nearestSpike(x);
      if (nearest < 0) {
        throw new TransformException("Cannot encode value " + x + " in column '" + column
            + "': the column held only nulls when the transformer was fitted");
      }
      write(out, offset, nearest, 0.0f);
      return;
    }
    // A non-positive value in a log-scale column (unseen when fitting) goes to the bottom of the lowest mode.
    double t = logScale ? Math.log(Math.max(x, Double.MIN_NORMAL)) : x;
    int k = mixture.mostLikelyWithin(t, stdDevsPerUnit * scalarClip);
    double scalar = (t - mixture.mean(k)) / (stdDevsPerUnit * mixture.stdDev(k));
    scalar = Math.max(-scalarClip, Math.min(scalarClip, scalar));
    write(out, offset, firstGaussianMode + k, (float) scalar);
  }

  private int nearestSpike(double x) {
    int nearest = -1;
    for (int i = 0; i < spikes.length; i++) {
      if (nearest < 0 || Math.abs(spikes[i] - x) < Math.abs(spikes[nearest] - x)) {
        nearest = i;
      }
    }
    return nearest;
  }

  private void write(float[] out, int offset, int mode, float scalar) {
    out[offset] = scalar;
    Arrays.fill(out, offset + 1, offset + 1 + modeCount, 0.0f);
    out[offset + 1 + mode] = 1.0f;
  }

  @Override
  public Object decode(float[] features, int offset) {
    int mode = decodeMode(features, offset);
    if (nullMode && mode == spikes.length) {
      return null;
    }
    return ColumnValues.fromDouble(valueOf(mode, features[offset]), type);
  }

  /** The index of the mode a feature slice selects: the argmax of its mode span (ties to the lower index). */
  public int decodeMode(float[] features, int offset) {
    int best = 0;
    float bestScore = features[offset + 1];
    for (int m = 1; m < modeCount; m++) {
      float score = features[offset + 1 + m];
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  private double valueOf(int mode, float scalar) {
    if (mode < spikes.length) {
      return spikes[mode];
    }
    int k = mode - firstGaussianMode;
    double clipped = Math.max(-scalarClip, Math.min(scalarClip, scalar));
    double value = mixture.mean(k) + clipped * stdDevsPerUnit * mixture.stdDev(k);
    if (logScale) {
      value = Math.exp(value);
    }
    if (decimals == 0) {
      value = Math.rint(value);
    } else if (decimals > 0) {
      value = Math.rint(value * decimalScale) / decimalScale;
    }
    return Math.max(min, Math.min(max, value));
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ContinuousTransform)) {
      return false;
    }
    ContinuousTransform that = (ContinuousTransform) other;
    return column.equals(that.column)
        && type == that.type
        && Arrays.equals(spikes, that.spikes)
        && nullMode == that.nullMode
        && mixture.equals(that.mixture)
        && decimals == that.decimals
        && Double.compare(min, that.min) == 0
        && Double.compare(max, that.max) == 0
        && Double.compare(stdDevsPerUnit, that.stdDevsPerUnit) == 0
        && Double.compare(scalarClip, that.scalarClip) == 0
        && logScale == that.logScale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, type, Arrays.hashCode(spikes), nullMode, mixture, decimals, min, max);
  }

  @Override
  public String toString() {
    return "ContinuousTransform(" + column + ": spikes=" + Arrays.toString(spikes) + ", nullMode=" + nullMode
        + ", " + mixture + ", decimals=" + decimals + ", range=[" + min + ", " + max + "]" + (logScale ? ", log scale" : "") + ")";
  }
}
