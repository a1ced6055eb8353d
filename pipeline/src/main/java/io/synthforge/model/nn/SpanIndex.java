package io.synthforge.model.nn;

import java.util.SplittableRandom;

import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.List;

/**
 * An {@link OutputLayout}'s spans as flat arrays, for the per-span loops of generator heads and losses: the
 * positions of the scalar spans, and the offset and width of every one-hot span (with its index in the layout
 * and whether it is conditionable). Immutable.
 */
public final class SpanIndex {
  private final int width;
  private final int[] scalarPositions;
  private final int[] oneHotOffsets;
  private final int[] oneHotWidths;
  private final int[] oneHotSpans;
  private final boolean[] oneHotConditionable;

  private SpanIndex(OutputLayout layout) {
    List<Span> spans = layout.spans();
    int scalars = 0;
    int oneHots = 0;
    for (Span span : spans) {
      if (span.isOneHot()) {
        oneHots++;
      } else {
        scalars++;
      }
    }
    this.width = layout.width();
    this.scalarPositions = new int[scalars];
    this.oneHotOffsets = new int[oneHots];
    this.oneHotWidths = new int[oneHots];
    this.oneHotSpans = new int[oneHots];
    this.oneHotConditionable = new boolean[oneHots];
    int s = 0;
    int o = 0;
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (span.isOneHot()) {
        oneHotOffsets[o] = span.offset();
        oneHotWidths[o] = span.width();
        oneHotSpans[o] = i;
        oneHotConditionable[o] = span.isConditionable();
        o++;
      } else {
        scalarPositions[s++] = span.offset();
      }
    }
  }

  /** The index of {@code layout}. */
  public static SpanIndex of(OutputLayout layout) {
    return new SpanIndex(layout);
  }

  /** The feature width. */
  public int width() {
    return width;
  }

  /** The feature positions of the scalar spans. */
  public int[] scalarPositions() {
    return scalarPositions.clone();
  }

  /** The number of scalar spans. */
  public int scalarCount() {
    return scalarPositions.length;
  }

  /** The feature position of scalar span {@code i} (counting scalar spans only). */
  public int scalarPosition(int i) {
    return scalarPositions[i];
  }

  /** The number of one-hot spans. */
  public int oneHotCount() {
    return oneHotOffsets.length;
  }

  /** The first feature of one-hot span {@code i} (counting one-hot spans only). */
  public int oneHotOffset(int i) {
    return oneHotOffsets[i];
  }

  /** The width of one-hot span {@code i}. */
  public int oneHotWidth(int i) {
    return oneHotWidths[i];
  }

  /** The index in the layout's span list of one-hot span {@code i}. */
  public int oneHotSpan(int i) {
    return oneHotSpans[i];
  }

  /** Whether one-hot span {@code i} is conditionable. */
  public boolean oneHotConditionable(int i) {
    return oneHotConditionable[i];
  }

  /**
   * Softmax of {@code x[offset, offset + width)} scaled by {@code 1/temperature}, into {@code y} at the same
   * positions; returns the log of the normaliser of the scaled values (for cross-entropies).
   */
  public static double softmax(float[] x, float[] y, int offset, int width, float temperature) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + width; i++) {
      max = Math.max(max, x[i]);
    }
    float inverse = 1f / temperature;
    float sum = 0f;
    for (int i = offset; i < offset + width; i++) {
      float e = (float) Math.exp((x[i] - max) * inverse);
      y[i] = e;
      sum += e;
    }
    float scale = 1f / sum;
    for (int i = offset; i < offset + width; i++) {
      y[i] *= scale;
    }
    return max * inverse + Math.log(sum);
  }

  /**
   * A position drawn from the softmax of the logits {@code x[offset, offset + width)}, relative to {@code offset}:
   * one uniform against the cumulative {@code exp(x - max)}. The same distribution as the argmax of logits plus
   * Gumbel noise, at one random number per span instead of one (and a logarithm) per category, which dominated
   * generation time. {@code scratch} (at least {@code width} long) holds the exponentials, so each is computed once.
   */
  public static int sample(float[] x, int offset, int width, SplittableRandom random, double[] scratch) {
    // A compare, not Math.max: its NaN and -0 handling made this loop wait on each previous maximum.
    float max = x[offset];
    for (int i = offset + 1; i < offset + width; i++) {
      if (x[i] > max) {
        max = x[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < width; i++) {
      float d = x[offset + i] - max;
      // Most categories of a trained decoder's span lie far below its maximum: their weight, under
      // exp(NEGLIGIBLE_LOGIT) = 2e-9 of the maximum's, is below what float logits resolve, and skipping their
      // exponential was most of the cost of sampling a span.
      double e = d > NEGLIGIBLE_LOGIT ? expNonPositive(d) : 0.0;
      scratch[i] = e;
      sum += e;
    }
    double target = random.nextDouble() * sum;
    double cumulative = 0;
    for (int i = 0; i < width - 1; i++) {
      cumulative += scratch[i];
      if (target < cumulative) {
        return i;
      }
    }
    return width - 1;
  }

  /** Logits this far below their span's maximum get weight 0 in {@link #sample}. */
  static final float NEGLIGIBLE_LOGIT = -20f;
  /** Table points per unit of {@link #expNonPositive}'s argument. */
  private static final int EXP_STEPS = 32;
  /** {@code exp(-k / EXP_STEPS)} for k up to the argument below which exp underflows a float. */
  private static final double[] EXP_TABLE = new double[88 * EXP_STEPS + 1];

  static {
    for (int k = 0; k < EXP_TABLE.length; k++) {
      EXP_TABLE[k] = Math.exp(-(double) k / EXP_STEPS);
    }
  }

  /**
   * {@code exp(d)} for {@code d <= 0}, within 3e-10 relative (0 below -88): a table of {@code exp(-k/32)} times a
   * fourth-order polynomial of the rest. A third faster than Math.exp, which was most of the cost of sampling a
   * span, and the same on every JVM (plain arithmetic, no intrinsic).
   */
  static double expNonPositive(float d) {
    if (!(d > -88f)) {
      return d == d ? 0.0 : Double.NaN;
    }
    int k = (int) (-d * EXP_STEPS);
    double r = d + k * (1.0 / EXP_STEPS);
    return EXP_TABLE[k] * (1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24)))));
  }

  /** The width of the widest one-hot span (the scratch {@link #sample} needs), 0 when there is none. */
  public int widestOneHot() {
    int widest = 0;
    for (int w : oneHotWidths) {
      widest = Math.max(widest, w);
    }
    return widest;
  }

  /** The position of the largest of {@code x[offset, offset + width)}, relative to {@code offset}. */
  public static int argmax(float[] x, int offset, int width) {
    int best = 0;
    for (int i = 1; i < width; i++) {
      if (x[offset + i] > x[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
