package io.synthforge.model;

import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A worker's share of the training rows, held in the compact form (one float per span, see
 * {@link OutputLayout#compact}), with an index of the rows of every category of every one-hot span so that a
 * conditional GAN can draw "a row whose column c has category k" in constant time (CTGAN's training-by-sampling).
 */
public final class TrainingData {
  private final OutputLayout layout;
  private final float[] compact;
  private final int rows;
  private final int spanCount;
  /** rowsByCategory[s][k] = the rows whose span s has category k (null for scalar spans). */
  private final int[][][] rowsByCategory;
  /** With oversampling: the span whose categories are re-weighted, and their cumulative draw weights. */
  private final int oversampledSpan;
  private final double[] oversampledCumulative;

  private TrainingData(OutputLayout layout, float[] compact, int rows) {
    this.layout = layout;
    this.compact = compact;
    this.rows = rows;
    this.spanCount = layout.spans().size();
    this.rowsByCategory = index(layout, compact, rows, spanCount);
    this.oversampledSpan = -1;
    this.oversampledCumulative = null;
  }

  private TrainingData(TrainingData rows, int spanIndex, double[] cumulative) {
    this.layout = rows.layout;
    this.compact = rows.compact;
    this.rows = rows.rows;
    this.spanCount = rows.spanCount;
    this.rowsByCategory = rows.rowsByCategory;
    this.oversampledSpan = spanIndex;
    this.oversampledCumulative = cumulative;
  }

  /** Rows given in compact form, row-major ({@code rows * layout.spans().size()} floats); the array is kept. */
  public static TrainingData of(OutputLayout layout, float[] compact, int rows) {
    if (compact.length < (long) rows * layout.spans().size()) {
      throw new IllegalArgumentException("Cannot hold " + rows + " rows in " + compact.length + " values");
    }
    return new TrainingData(layout, compact, rows);
  }

  /** Rows given as a list of compact vectors. */
  public static TrainingData of(OutputLayout layout, List<float[]> compactRows) {
    int width = layout.spans().size();
    float[] flat = new float[compactRows.size() * width];
    for (int r = 0; r < compactRows.size(); r++) {
      System.arraycopy(compactRows.get(r), 0, flat, r * width, width);
    }
    return new TrainingData(layout, flat, compactRows.size());
  }

  private static int[][][] index(OutputLayout layout, float[] compact, int rows, int spanCount) {
    int[][][] index = new int[spanCount][][];
    List<Span> spans = layout.spans();
    for (int s = 0; s < spanCount; s++) {
      Span span = spans.get(s);
      if (!span.isOneHot()) {
        continue;
      }
      int[] counts = new int[span.width()];
      for (int r = 0; r < rows; r++) {
        counts[(int) compact[r * spanCount + s]]++;
      }
      int[][] byCategory = new int[span.width()][];
      for (int k = 0; k < counts.length; k++) {
        byCategory[k] = new int[counts[k]];
      }
      int[] filled = new int[span.width()];
      for (int r = 0; r < rows; r++) {
        int k = (int) compact[r * spanCount + s];
        byCategory[k][filled[k]++] = r;
      }
      index[s] = byCategory;
    }
    return index;
  }

  public OutputLayout layout() {
    return layout;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** A uniformly drawn row index; with {@link #oversampled} the span's rare categories come up more often. */
  public int randomRow(SplittableRandom random) {
    if (oversampledCumulative == null) {
      return random.nextInt(rows);
    }
    double u = random.nextDouble() * oversampledCumulative[oversampledCumulative.length - 1];
    int category = 0;
    while (oversampledCumulative[category] <= u) {
      category++;
    }
    return randomRowWith(oversampledSpan, category, random);
  }

  /**
   * The same rows, drawn so that every category of one-hot span {@code spanIndex} present in the data makes up at
   * least {@code minShare} of {@link #randomRow} draws (rows within a category stay uniform; the common categories
   * give up the difference in proportion to their counts). A 0.1% fraud label becomes learnable at, say, 5% of
   * each batch; the sampler restores the real rate by conditioning (see the sample package's label rates).
   */
  public TrainingData oversampled(int spanIndex, double minShare) {
    Span span = layout.spans().get(spanIndex);
    if (!span.isOneHot()) {
      throw new IllegalArgumentException("Cannot oversample span " + span + ": it is not a one-hot span");
    }
    if (!(minShare > 0 && minShare < 0.5)) {
      throw new IllegalArgumentException("Cannot oversample to share " + minShare + ": use a share in (0, 0.5)");
    }
    int width = span.width();
    double lifted = 0;
    double common = 0;
    for (int k = 0; k < width; k++) {
      double share = (double) count(spanIndex, k) / rows;
      if (share > 0 && share < minShare) {
        lifted += minShare;
      } else {
        common += share;
      }
    }
    double[] cumulative = new double[width];
    double sum = 0;
    for (int k = 0; k < width; k++) {
      double share = (double) count(spanIndex, k) / rows;
      double weight = share == 0 ? 0 : share < minShare ? minShare : share * Math.max(0, 1 - lifted) / common;
      sum += weight;
      cumulative[k] = sum;
    }
    return new TrainingData(this, spanIndex, cumulative);
  }

  /** How many rows have category {@code category} in span {@code spanIndex}. */
  public int count(int spanIndex, int category) {
    return rowsByCategory[spanIndex][category].length;
  }

  /** A uniformly drawn row among those with {@code category} in span {@code spanIndex}, or -1 if there is none. */
  public int randomRowWith(int spanIndex, int category, SplittableRandom random) {
    int[] candidates = rowsByCategory[spanIndex][category];
    return candidates.length == 0 ? -1 : candidates[random.nextInt(candidates.length)];
  }

  /** Writes row {@code row}'s dense vector into {@code dense} at {@code offset}. */
  public void denseRow(int row, float[] dense, int offset) {
    layout.expand(compact, row * spanCount, dense, offset);
  }

  /** The compact value of span {@code spanIndex} in row {@code row} (the category index of a one-hot span). */
  public float compactValue(int row, int spanIndex) {
    return compact[row * spanCount + spanIndex];
  }

  /** Splits off every {@code k}-th row (by a seeded shuffle) as validation data; returns {train, validation}. */
  public List<TrainingData> split(double validationShare, long seed) {
    int validation = (int) Math.round(rows * validationShare);
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    float[] train = new float[(rows - validation) * spanCount];
    float[] held = new float[validation * spanCount];
    for (int i = 0; i < rows; i++) {
      int row = order[i];
      if (i < validation) {
        System.arraycopy(compact, row * spanCount, held, i * spanCount, spanCount);
      } else {
        System.arraycopy(compact, row * spanCount, train, (i - validation) * spanCount, spanCount);
      }
    }
    List<TrainingData> parts = new ArrayList<>();
    parts.add(new TrainingData(layout, train, rows - validation));
    parts.add(new TrainingData(layout, held, validation));
    return parts;
  }
}
