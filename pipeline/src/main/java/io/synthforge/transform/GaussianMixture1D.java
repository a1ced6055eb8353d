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
 * component cannot collapse onto a tied value.
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

  /** Fits a {@link GaussianMixture1D} to a sample; deterministic for a given seed. Not thread-safe. */
  public static final class Fitter {
    private static final int LLOYD_STEPS = 10;
    private static final double TOLERANCE = 1e-4;

    private int maxComponents = 10;
    private double weightConcentration = 0.001;
    private double minWeight = 0.005;
    private double minStdDev = 0.0;
    private int maxIterations = 200;
    private long seed = 0L;

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
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = (data[i] - center) / spread;
      }
      double varFloor = Math.pow(floor / spread, 2);
      int distinct = countDistinct(z, maxComponents);
      Components current = initialise(z, Math.min(maxComponents, distinct), varFloor);
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

    private static int countDistinct(double[] values, int atMost) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int distinct = 1;
      for (int i = 1; i < sorted.length && distinct < atMost; i++) {
        if (sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      return distinct;
    }

    private Components initialise(double[] z, int k, double varFloor) {
      SplittableRandom random = new SplittableRandom(seed);
      int n = z.length;
      double[] centers = new double[k];
      double[] distance = new double[n];
      centers[0] = z[random.nextInt(n)];
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      for (int c = 1; c < k; c++) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          double d = z[i] - centers[c - 1];
          distance[i] = Math.min(distance[i], d * d);
          total += distance[i];
        }
        double target = random.nextDouble() * total;
        int chosen = n - 1;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
          cumulative += distance[i];
          if (cumulative > target) {
            chosen = i;
            break;
          }
        }
        centers[c] = z[chosen];
      }
      int[] assignment = new int[n];
      for (int step = 0; step < LLOYD_STEPS; step++) {
        assign(z, centers, assignment);
        double[] sums = new double[k];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
          sums[assignment[i]] += z[i];
          counts[assignment[i]]++;
        }
        for (int c = 0; c < k; c++) {
          if (counts[c] > 0) {
            centers[c] = sums[c] / counts[c];
          }
        }
      }
      assign(z, centers, assignment);
      double[] counts = new double[k];
      double[] squares = new double[k];
      for (int i = 0; i < n; i++) {
        double d = z[i] - centers[assignment[i]];
        counts[assignment[i]]++;
        squares[assignment[i]] += d * d;
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
          components.weights[index] = counts[c] / n;
          components.means[index] = centers[c];
          components.variances[index] = Math.max(squares[c] / counts[c], varFloor);
          index++;
        }
      }
      return components;
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

    private Components expectationMaximisation(double[] z, Components start, double varFloor) {
      int n = z.length;
      Components current = start;
      double previous = Double.NEGATIVE_INFINITY;
      for (int iteration = 0; iteration < maxIterations; iteration++) {
        int k = current.size();
        double[] counts = new double[k];
        double[] sums = new double[k];
        double[] squares = new double[k];
        double[] logWeights = new double[k];
        double[] logNorms = new double[k];
        for (int c = 0; c < k; c++) {
          logWeights[c] = Math.log(current.weights[c]);
          logNorms[c] = -0.5 * Math.log(current.variances[c]) - LOG_SQRT_2PI;
        }
        double[] scores = new double[k];
        double logLikelihood = 0;
        for (int i = 0; i < n; i++) {
          double x = z[i];
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            double d = x - current.means[c];
            scores[c] = logWeights[c] + logNorms[c] - 0.5 * d * d / current.variances[c];
            max = Math.max(max, scores[c]);
          }
          double total = 0;
          for (int c = 0; c < k; c++) {
            scores[c] = Math.exp(scores[c] - max);
            total += scores[c];
          }
          logLikelihood += max + Math.log(total);
          for (int c = 0; c < k; c++) {
            double responsibility = scores[c] / total;
            counts[c] += responsibility;
            sums[c] += responsibility * x;
            // Centred on the old mean; corrected below to the new mean (shift formula), avoiding a second pass.
            double d = x - current.means[c];
            squares[c] += responsibility * d * d;
          }
        }
        Components next = maximise(current, counts, sums, squares, varFloor);
        boolean converged = Math.abs(logLikelihood - previous) < TOLERANCE * n && next.size() == k;
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

    private static double logLikelihood(double[] z, Components components) {
      double total = 0;
      int k = components.size();
      for (double x : z) {
        double max = Double.NEGATIVE_INFINITY;
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
          double d = x - components.means[c];
          scores[c] = Math.log(components.weights[c]) - 0.5 * Math.log(components.variances[c]) - LOG_SQRT_2PI
              - 0.5 * d * d / components.variances[c];
          max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (double score : scores) {
          sum += Math.exp(score - max);
        }
        total += max + Math.log(sum);
      }
      return total;
    }

    private static double bic(Components components, int n) {
      int parameters = 3 * components.size() - 1;
      return -2 * components.logLikelihood + parameters * Math.log(n);
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
