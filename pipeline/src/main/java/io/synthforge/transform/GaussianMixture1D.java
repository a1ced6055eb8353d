package io.synthforge.transform;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A one-dimensional Gaussian mixture: weights, means and standard deviations, ordered by mean. Immutable.
 *
 * <p>Fitted by {@link Fitter}. We write our own rather than use Spark MLlib's {@code GaussianMixture} or
 * commons-math3's {@code MultivariateNormalMixtureExpectationMaximization}: both are plain maximum-likelihood EM
 * with no prior on the weights, so every one of the K components survives and a two-mode column gets ten modes.
 * CTGAN uses scikit-learn's {@code BayesianGaussianMixture} with a weight concentration of 0.001 so unused
 * components die. We get the same effect, deterministically and without Spark, with
 * <ol>
 *   <li>k-means++ initialisation from a seed, refined by a few Lloyd steps;
 *   <li>EM with a MAP Dirichlet prior on the weights ({@code w_k ∝ max(0, N_k + alpha - 1)}, alpha &lt; 1), so
 *       components that explain less than about one point vanish, and pruning of weights below a floor;
 *   <li>annihilation: while it lowers the BIC, the lightest component is dropped or the two most overlapping
 *       are merged (whichever scores better) and EM resumed (after Figueiredo and Jain, 2002), because the
 *       Dirichlet MAP alone cannot merge two components that split one true mode.
 * </ol>
 * Variances are floored (the caller sets the floor relative to the data's range and granularity), so a
 * component cannot collapse onto a tied value. All of it runs on the sample's distinct values with their counts,
 * or on about a thousand fine bins when it has more (see {@link Fitter}), so a fit costs the same for a sample
 * of 20,000 values as for one of 2,000.
 */
public final class GaussianMixture1D implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final double[] weights;
  private final double[] means;
  private final double[] stdDevs;

  private GaussianMixture1D(double[] weights, double[] means, double[] stdDevs) {
    this.weights = weights;
    this.means = means;
    this.stdDevs = stdDevs;
  }

  /** A mixture of the given components (equal-length arrays, positive deviations), kept in mean order. */
  public static GaussianMixture1D of(double[] weights, double[] means, double[] stdDevs) {
    if (weights.length != means.length || means.length != stdDevs.length) {
      throw new IllegalArgumentException("Cannot create a Gaussian mixture: " + weights.length + " weights, "
          + means.length + " means and " + stdDevs.length + " deviations");
    }
    for (double stdDev : stdDevs) {
      if (!(stdDev > 0)) {
        throw new IllegalArgumentException("Cannot create a Gaussian mixture: deviation " + stdDev + " is not positive");
      }
    }
    Integer[] order = new Integer[means.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(means[a], means[b]));
    double[] w = new double[order.length];
    double[] m = new double[order.length];
    double[] s = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      w[i] = weights[order[i]];
      m[i] = means[order[i]];
      s[i] = stdDevs[order[i]];
    }
    return new GaussianMixture1D(w, m, s);
  }

  /** A fitter with CTGAN's defaults (10 components, concentration 0.001, weight floor 0.005, seed 0). */
  public static Fitter fitter() {
    return new Fitter();
  }

  /** The number of components. */
  public int size() {
    return means.length;
  }

  /** The weight of component {@code k}. */
  public double weight(int k) {
    return weights[k];
  }

  /** The mean of component {@code k}. */
  public double mean(int k) {
    return means[k];
  }

  /** The standard deviation of component {@code k}. */
  public double stdDev(int k) {
    return stdDevs[k];
  }

  /** A copy of the weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** A copy of the means, ascending. */
  public double[] means() {
    return means.clone();
  }

  /** A copy of the standard deviations. */
  public double[] stdDevs() {
    return stdDevs.clone();
  }

  /** The component with the largest posterior probability for {@code x} (ties to the lower index); -1 if empty. */
  public int mostLikely(double x) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < means.length; k++) {
      double score = logWeightedDensity(x, weights[k], means[k], stdDevs[k]);
      if (score > bestScore || best < 0) {
        best = k;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The most likely component among those within {@code reach} deviations of {@code x}, so that encoding it
   * against that component needs no clipping; when none is, the component whose reach ends nearest to {@code x}.
   * -1 if empty.
   */
  public int mostLikelyWithin(double x, double reach) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    int nearest = -1;
    double nearestGap = Double.POSITIVE_INFINITY;
    for (int k = 0; k < means.length; k++) {
      double gap = Math.abs(x - means[k]) - reach * stdDevs[k];
      if (gap <= 0) {
        double score = logWeightedDensity(x, weights[k], means[k], stdDevs[k]);
        if (score > bestScore || best < 0) {
          best = k;
          bestScore = score;
        }
      } else if (gap < nearestGap) {
        nearest = k;
        nearestGap = gap;
      }
    }
    return best >= 0 ? best : nearest;
  }

  /** The log of the mixture density at {@code x}. */
  public double logDensity(double x) {
    double max = Double.NEGATIVE_INFINITY;
    double[] scores = new double[means.length];
    for (int k = 0; k < means.length; k++) {
      scores[k] = logWeightedDensity(x, weights[k], means[k], stdDevs[k]);
      max = Math.max(max, scores[k]);
    }
    double sum = 0;
    for (double score : scores) {
      sum += Math.exp(score - max);
    }
    return max + Math.log(sum);
  }

  private static double logWeightedDensity(double x, double weight, double mean, double stdDev) {
    double z = (x - mean) / stdDev;
    return Math.log(weight) - Math.log(stdDev) - LOG_SQRT_2PI - 0.5 * z * z;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof GaussianMixture1D)) {
      return false;
    }
    GaussianMixture1D that = (GaussianMixture1D) other;
    return Arrays.equals(weights, that.weights) && Arrays.equals(means, that.means)
        && Arrays.equals(stdDevs, that.stdDevs);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(weights) + Arrays.hashCode(means)) + Arrays.hashCode(stdDevs);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("GaussianMixture1D[");
    for (int k = 0; k < means.length; k++) {
      text.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g*N(%.6g, %.4g)",
          weights[k], means[k], stdDevs[k]));
    }
    return text.append(']').toString();
  }

  /**
   * Fits a {@link GaussianMixture1D} to a sample; deterministic for a given seed. Not thread-safe.
   *
   * <p>EM runs on a weighted summary of the sample rather than on every value: each distinct value with its
   * count when there are at most {@code maxPoints} of them (integer columns such as an age: exact), otherwise
   * fine bins of consecutive sorted values, each standing for its values by their mean, count and spread. A bin
   * holds at most {@code 1/BINS} of the sample and spans at most {@code 1/BINS} of its range, so there are at
   * most {@code 2 * BINS} of them and a narrow mode keeps its shape. Every E and M step, the log-likelihood and
   * the BIC are weighted by the counts ({@code n} is the sample size), and a bin's spread is added back to the
   * component variances, so the fit matches the one on the raw sample closely at a fraction of the cost.
   */
  public static final class Fitter {
    private static final int LLOYD_STEPS = 10;
    private static final double TOLERANCE = 1e-4;
    /** The most distinct values EM runs on exactly; more are binned. */
    private static final int MAX_POINTS = 2_000;
    /** The bins a sample with more distinct values than {@code maxPoints} is split into (by count and by range). */
    private static final int BINS = 1_000;

    private int maxComponents = 10;
    private double weightConcentration = 0.001;
    private double minWeight = 0.005;
    private double minStdDev = 0.0;
    private int maxIterations = 200;
    private long seed = 0L;
    private int maxPoints = MAX_POINTS;

    private Fitter() {}

    /** The most components to start from. */
    public Fitter maxComponents(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("Cannot set maxComponents: " + value + " is below 1");
      }
      this.maxComponents = value;
      return this;
    }

    /** The Dirichlet concentration on the weights (below 1 favours fewer components). */
    public Fitter weightConcentration(double value) {
      this.weightConcentration = value;
      return this;
    }

    /** Components whose weight falls below this are pruned. */
    public Fitter minWeight(double value) {
      this.minWeight = value;
      return this;
    }

    /** The floor of every component's standard deviation, in data units (0 means 1e-3 of the data's spread). */
    public Fitter minStdDev(double value) {
      this.minStdDev = value;
      return this;
    }

    /** The most EM iterations per run. */
    public Fitter maxIterations(int value) {
      this.maxIterations = value;
      return this;
    }

    /** The seed of the k-means++ initialisation. */
    public Fitter seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * The most distinct values EM runs on exactly; a sample with more is binned. {@code Integer.MAX_VALUE} fits
     * every value (the slow reference the binned fit is tested against).
     */
    Fitter maxPoints(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("Cannot set maxPoints: " + value + " is below 1");
      }
      this.maxPoints = value;
      return this;
    }

    /** The mixture fitted to {@code data} (finite values); empty when {@code data} is empty. */
    public GaussianMixture1D fit(double[] data) {
      int n = data.length;
      if (n == 0) {
        return new GaussianMixture1D(new double[0], new double[0], new double[0]);
      }
      // Work in standardised units so the floor and the tolerance do not depend on the data's scale.
      double center = 0;
      for (double x : data) {
        center += x;
      }
      center /= n;
      double spread = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double x : data) {
        spread += (x - center) * (x - center);
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      spread = Math.sqrt(spread / n);
      double floor = minStdDev > 0 ? minStdDev : 1e-3 * Math.max(max - min, spread);
      if (!(spread > 0)) {
        double stdDev = floor > 0 ? floor : Math.max(Math.abs(center) * 1e-9, Double.MIN_NORMAL);
        return new GaussianMixture1D(new double[] {1.0}, new double[] {center}, new double[] {stdDev});
      }
      Points z = Points.summarise(data, center, spread, maxPoints);
      double varFloor = Math.pow(floor / spread, 2);
      Components current = initialise(z, Math.min(maxComponents, z.size()), varFloor);
      current = expectationMaximisation(z, current, varFloor);
      double bic = bic(current, n);
      while (current.size() > 1) {
        Components dropped = expectationMaximisation(z, current.withoutLightest(), varFloor);
        Components merged = expectationMaximisation(z, current.withClosestMerged(), varFloor);
        Components candidate = bic(merged, n) < bic(dropped, n) ? merged : dropped;
        double candidateBic = bic(candidate, n);
        if (candidateBic > bic) {
          break;
        }
        current = candidate;
        bic = candidateBic;
      }
      double[] means = new double[current.size()];
      double[] stdDevs = new double[current.size()];
      for (int k = 0; k < current.size(); k++) {
        means[k] = center + current.means[k] * spread;
        stdDevs[k] = Math.sqrt(current.variances[k]) * spread;
      }
      return of(current.weights.clone(), means, stdDevs);
    }

    private Components initialise(Points z, int k, double varFloor) {
      SplittableRandom random = new SplittableRandom(seed);
      int m = z.size();
      double[] centers = new double[k];
      double[] distance = new double[m];
      // k-means++ on the weighted points: a point is drawn as often as the values it stands for would be.
      centers[0] = z.values[draw(z.weights, null, random.nextDouble() * z.total)];
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      for (int c = 1; c < k; c++) {
        double total = 0;
        for (int i = 0; i < m; i++) {
          double d = z.values[i] - centers[c - 1];
          distance[i] = Math.min(distance[i], d * d);
          total += z.weights[i] * distance[i];
        }
        centers[c] = z.values[draw(z.weights, distance, random.nextDouble() * total)];
      }
      int[] assignment = new int[m];
      for (int step = 0; step < LLOYD_STEPS; step++) {
        assign(z.values, centers, assignment);
        double[] sums = new double[k];
        double[] counts = new double[k];
        for (int i = 0; i < m; i++) {
          sums[assignment[i]] += z.weights[i] * z.values[i];
          counts[assignment[i]] += z.weights[i];
        }
        for (int c = 0; c < k; c++) {
          if (counts[c] > 0) {
            centers[c] = sums[c] / counts[c];
          }
        }
      }
      assign(z.values, centers, assignment);
      double[] counts = new double[k];
      double[] squares = new double[k];
      for (int i = 0; i < m; i++) {
        double d = z.values[i] - centers[assignment[i]];
        counts[assignment[i]] += z.weights[i];
        squares[assignment[i]] += z.weights[i] * (d * d + z.spreads[i]);
      }
      int kept = 0;
      for (int c = 0; c < k; c++) {
        if (counts[c] > 0) {
          kept++;
        }
      }
      Components components = new Components(kept);
      int index = 0;
      for (int c = 0; c < k; c++) {
        if (counts[c] > 0) {
          components.weights[index] = counts[c] / z.total;
          components.means[index] = centers[c];
          components.variances[index] = Math.max(squares[c] / counts[c], varFloor);
          index++;
        }
      }
      return components;
    }

    /** The first index whose cumulative {@code weights[i] * scales[i]} (scales 1 when null) passes {@code target}. */
    private static int draw(double[] weights, double[] scales, double target) {
      double cumulative = 0;
      for (int i = 0; i < weights.length; i++) {
        cumulative += scales == null ? weights[i] : weights[i] * scales[i];
        if (cumulative > target) {
          return i;
        }
      }
      return weights.length - 1;
    }

    private static void assign(double[] z, double[] centers, int[] assignment) {
      for (int i = 0; i < z.length; i++) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centers.length; c++) {
          double d = Math.abs(z[i] - centers[c]);
          if (d < bestDistance) {
            best = c;
            bestDistance = d;
          }
        }
        assignment[i] = best;
      }
    }

    private Components expectationMaximisation(Points z, Components start, double varFloor) {
      int m = z.size();
      double[] values = z.values;
      double[] weights = z.weights;
      double[] spreads = z.spreads;
      Components current = start;
      double previous = Double.NEGATIVE_INFINITY;
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        int k = current.size();
        double[] means = current.means;
        double[] counts = new double[k];
        double[] sums = new double[k];
        double[] squares = new double[k];
        double[] offsets = new double[k];
        double[] precisions = new double[k];
        for (int c = 0; c < k; c++) {
          offsets[c] = Math.log(current.weights[c]) - 0.5 * Math.log(current.variances[c]) - LOG_SQRT_2PI;
          precisions[c] = 0.5 / current.variances[c];
        }
        double[] scores = new double[k];
        double logLikelihood = 0;
        for (int i = 0; i < m; i++) {
          double x = values[i];
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            double d = x - means[c];
            scores[c] = offsets[c] - precisions[c] * d * d;
            max = Math.max(max, scores[c]);
          }
          double total = 0;
          for (int c = 0; c < k; c++) {
            scores[c] = Math.exp(scores[c] - max);
            total += scores[c];
          }
          logLikelihood += weights[i] * (max + Math.log(total));
          double scale = weights[i] / total;
          for (int c = 0; c < k; c++) {
            double responsibility = scores[c] * scale;
            counts[c] += responsibility;
            sums[c] += responsibility * x;
            // Centred on the old mean; corrected below to the new mean (shift formula), avoiding a second pass.
            // A bin's own spread adds to every component's second moment as its values would.
            double d = x - means[c];
            squares[c] += responsibility * (d * d + spreads[i]);
          }
        }
        Components next = maximise(current, counts, sums, squares, varFloor);
        boolean converged = Math.abs(logLikelihood - previous) < TOLERANCE * z.total && next.size() == k;
        previous = logLikelihood;
        current = next;
        if (converged) {
          break;
        }
      }
      current.logLikelihood = logLikelihood(z, current);
      return current;
    }

    private Components maximise(Components current, double[] counts, double[] sums, double[] squares,
        double varFloor) {
      int k = current.size();
      double[] mapWeights = new double[k];
      double total = 0;
      for (int c = 0; c < k; c++) {
        mapWeights[c] = Math.max(0.0, counts[c] + weightConcentration - 1.0);
        total += mapWeights[c];
      }
      boolean[] keep = new boolean[k];
      int kept = 0;
      double keptTotal = 0;
      int heaviest = 0;
      for (int c = 0; c < k; c++) {
        keep[c] = total > 0 && counts[c] > 0 && mapWeights[c] / total >= minWeight;
        if (keep[c]) {
          kept++;
          keptTotal += mapWeights[c];
        }
        if (counts[c] > counts[heaviest]) {
          heaviest = c;
        }
      }
      if (kept == 0) {
        // Degenerate (every component below the floor): keep the heaviest rather than none.
        keep[heaviest] = true;
        mapWeights[heaviest] = 1.0;
        keptTotal = 1.0;
        kept = 1;
      }
      Components next = new Components(kept);
      int index = 0;
      for (int c = 0; c < k; c++) {
        if (keep[c]) {
          double mean = sums[c] / counts[c];
          double shift = mean - current.means[c];
          next.weights[index] = mapWeights[c] / keptTotal;
          next.means[index] = mean;
          next.variances[index] = Math.max(squares[c] / counts[c] - shift * shift, varFloor);
          index++;
        }
      }
      return next;
    }

    private static double logLikelihood(Points z, Components components) {
      int k = components.size();
      double[] offsets = new double[k];
      double[] precisions = new double[k];
      for (int c = 0; c < k; c++) {
        offsets[c] = Math.log(components.weights[c]) - 0.5 * Math.log(components.variances[c]) - LOG_SQRT_2PI;
        precisions[c] = 0.5 / components.variances[c];
      }
      double[] scores = new double[k];
      double total = 0;
      for (int i = 0; i < z.size(); i++) {
        double x = z.values[i];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double d = x - components.means[c];
          scores[c] = offsets[c] - precisions[c] * d * d;
          max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(scores[c] - max);
        }
        total += z.weights[i] * (max + Math.log(sum));
      }
      return total;
    }

    private static double bic(Components components, int n) {
      int parameters = 3 * components.size() - 1;
      return -2 * components.logLikelihood + parameters * Math.log(n);
    }
  }

  /**
   * A sample summarised as weighted points in standardised units: each point's value (the mean of the values it
   * stands for), weight (their count) and spread (their variance around that mean; 0 for a distinct value).
   */
  private static final class Points {
    final double[] values;
    final double[] weights;
    final double[] spreads;
    final double total;

    private Points(double[] values, double[] weights, double[] spreads, int size, double total) {
      this.values = Arrays.copyOf(values, size);
      this.weights = Arrays.copyOf(weights, size);
      this.spreads = Arrays.copyOf(spreads, size);
      this.total = total;
    }

    int size() {
      return values.length;
    }

    /** The distinct values of {@code data} with their counts, or its bins when it has more than {@code maxPoints}. */
    static Points summarise(double[] data, double center, double spread, int maxPoints) {
      double[] sorted = data.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      int distinct = 1;
      for (int i = 1; i < n && distinct <= maxPoints; i++) {
        if (sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      // A bin closes once it holds ceil(n / BINS) values or the next value lies a BINS-th of the range beyond its
      // first, never inside a run of ties: at most 2 * BINS bins. Distinct values are one bin each.
      boolean exact = distinct <= maxPoints;
      int perBin = exact ? 1 : (n + Fitter.BINS - 1) / Fitter.BINS;
      double width = exact ? 0.0 : (sorted[n - 1] - sorted[0]) / Fitter.BINS;
      int capacity = exact ? distinct : n;
      double[] values = new double[capacity];
      double[] weights = new double[capacity];
      double[] spreads = new double[capacity];
      int size = 0;
      int start = 0;
      while (start < n) {
        int end = start + 1;
        while (end < n && (sorted[end] == sorted[end - 1]
            || (end - start < perBin && sorted[end] - sorted[start] <= width))) {
          end++;
        }
        double sum = 0;
        for (int i = start; i < end; i++) {
          sum += sorted[i];
        }
        double mean = sum / (end - start);
        double squares = 0;
        for (int i = start; i < end; i++) {
          squares += (sorted[i] - mean) * (sorted[i] - mean);
        }
        values[size] = (mean - center) / spread;
        weights[size] = end - start;
        spreads[size] = squares / (end - start) / (spread * spread);
        size++;
        start = end;
      }
      return new Points(values, weights, spreads, size, n);
    }
  }

  /** Mutable working state of a fit, in standardised units. */
  private static final class Components {
    final double[] weights;
    final double[] means;
    final double[] variances;
    double logLikelihood = Double.NEGATIVE_INFINITY;

    Components(int size) {
      this.weights = new double[size];
      this.means = new double[size];
      this.variances = new double[size];
    }

    int size() {
      return means.length;
    }

    Components withoutLightest() {
      int lightest = 0;
      for (int c = 1; c < size(); c++) {
        if (weights[c] < weights[lightest]) {
          lightest = c;
        }
      }
      Components reduced = new Components(size() - 1);
      double total = 1.0 - weights[lightest];
      int index = 0;
      for (int c = 0; c < size(); c++) {
        if (c != lightest) {
          reduced.weights[index] = weights[c] / total;
          reduced.means[index] = means[c];
          reduced.variances[index] = variances[c];
          index++;
        }
      }
      return reduced;
    }

    Components withClosestMerged() {
      int first = 0;
      int second = 1;
      double closest = Double.POSITIVE_INFINITY;
      for (int a = 0; a < size(); a++) {
        for (int b = a + 1; b < size(); b++) {
          double separation = Math.abs(means[a] - means[b]) / Math.sqrt(variances[a] + variances[b]);
          if (separation < closest) {
            closest = separation;
            first = a;
            second = b;
          }
        }
      }
      Components reduced = new Components(size() - 1);
      int index = 0;
      for (int c = 0; c < size(); c++) {
        if (c != first && c != second) {
          reduced.weights[index] = weights[c];
          reduced.means[index] = means[c];
          reduced.variances[index] = variances[c];
          index++;
        }
      }
      // Moment matching: the merged component has the pair's total weight, mean and variance.
      double weight = weights[first] + weights[second];
      double mean = (weights[first] * means[first] + weights[second] * means[second]) / weight;
      double secondMoment = (weights[first] * (variances[first] + means[first] * means[first])
          + weights[second] * (variances[second] + means[second] * means[second])) / weight;
      reduced.weights[index] = weight;
      reduced.means[index] = mean;
      reduced.variances[index] = Math.max(secondMoment - mean * mean, Math.min(variances[first], variances[second]));
      return reduced;
    }
  }
}
