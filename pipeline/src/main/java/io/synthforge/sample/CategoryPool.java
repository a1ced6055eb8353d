package io.synthforge.sample;

import io.synthforge.model.GenerativeModel;
import io.synthforge.transform.Span;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Unconditioned generated rows sorted by the category of one one-hot span (the label of strata, the anchor column
 * of redraws), so that a request for rows of some categories is served first from rows an earlier request drew
 * and did not need, and only then by new draws. Every row it hands out is an independent unconditioned draw whose
 * span has the wanted category, whatever request drew it: the same law as drawing until that category comes up,
 * without throwing the other draws away.
 *
 * <p>New rows are generated in blocks sized from the categories' observed rates (the training rates until rows
 * are seen), so that one block usually covers a request. Not thread-safe; deterministic for a given sequence of
 * requests and random stream, so {@link #clear()} it at the start of every chunk.
 */
final class CategoryPool {
  /** The fewest rows one block generates: smaller products waste the model's per-call work. */
  static final int MIN_BLOCK = 256;
  /** The most rows one block generates (a rare category is then found over several blocks). */
  static final int MAX_BLOCK = 16_384;
  /** How many rows' worth of weight the training rates carry against observed rates. */
  private static final double PRIOR_ROWS = 100;
  /** The lowest rate a block is sized for: a category rarer than that takes several blocks. */
  private static final double MIN_RATE = 1e-4;
  /** Head room over the expected block size, so that most requests take one block. */
  private static final double MARGIN = 1.05;

  private final GenerativeModel model;
  private final int width;
  private final int spanOffset;
  private final int spanWidth;
  private final double[] prior;
  private final int capacity;
  private final float[][] kept;
  private final int[] size;
  private final long[] seen;
  private long total;
  private float[] block = new float[0];
  private int blockRows;

  /**
   * A pool of rows of width {@code width} sorted by {@code span}; {@code frequencies} (one per category, any scale)
   * are the rates assumed before rows are seen; at most {@code capacity} rows of each category are kept.
   */
  CategoryPool(GenerativeModel model, int width, Span span, double[] frequencies, int capacity) {
    if (frequencies.length != span.width()) {
      throw new IllegalArgumentException("Cannot pool rows by span " + span + ": " + frequencies.length
          + " frequencies for " + span.width() + " categories");
    }
    this.model = model;
    this.width = width;
    this.spanOffset = span.offset();
    this.spanWidth = span.width();
    double sum = Arrays.stream(frequencies).sum();
    this.prior = new double[spanWidth];
    for (int k = 0; k < spanWidth; k++) {
      prior[k] = sum > 0 ? frequencies[k] / sum : 1.0 / spanWidth;
    }
    this.capacity = capacity;
    this.kept = new float[spanWidth][];
    this.size = new int[spanWidth];
    this.seen = new long[spanWidth];
  }

  /** Forgets every kept row and observed rate. */
  void clear() {
    Arrays.fill(size, 0);
    Arrays.fill(seen, 0);
    total = 0;
  }

  /** The number of categories of the span. */
  int categories() {
    return spanWidth;
  }

  /**
   * Writes {@code want[k]} rows of category {@code k} into {@code out[k]} (row-major from its start) for every
   * {@code k}: kept rows first, then new unconditioned draws, in blocks of at least {@link #MIN_BLOCK} rows while a
   * category is short, at most {@code maxBlocks} blocks. Returns how many rows of each category it wrote: fewer
   * than wanted only for a category the model rarely generates.
   */
  int[] take(int[] want, float[][] out, int maxBlocks, SplittableRandom random) {
    int[] filled = new int[spanWidth];
    for (int k = 0; k < spanWidth; k++) {
      int n = Math.min(want[k], size[k]);
      if (n > 0) {
        size[k] -= n;
        System.arraycopy(kept[k], size[k] * width, out[k], 0, n * width);
        filled[k] = n;
      }
    }
    for (int b = 0; b < maxBlocks; b++) {
      int rows = blockRows(want, filled);
      if (rows == 0) {
        break;
      }
      model.generate(rows, null, random, block(rows));
      for (int r = 0; r < rows; r++) {
        int from = r * width;
        int k = ChunkRows.argmax(block, from + spanOffset, spanWidth);
        seen[k]++;
        total++;
        if (filled[k] < want[k]) {
          System.arraycopy(block, from, out[k], filled[k]++ * width, width);
        } else if (size[k] < capacity) {
          keep(k, from);
        }
      }
    }
    return filled;
  }

  /** The rows the next block needs so that every short category is expected to be covered; 0 when none is short. */
  private int blockRows(int[] want, int[] filled) {
    double rows = 0;
    for (int k = 0; k < spanWidth; k++) {
      int missing = want[k] - filled[k];
      if (missing > 0) {
        double rate = Math.max(MIN_RATE, (seen[k] + PRIOR_ROWS * prior[k]) / (total + PRIOR_ROWS));
        rows = Math.max(rows, missing / rate);
      }
    }
    if (rows == 0) {
      return 0;
    }
    // Rounded up to whole MIN_BLOCKs: few distinct sizes, so the block array is rarely reallocated.
    long blocks = (long) Math.ceil(rows * MARGIN / MIN_BLOCK);
    return (int) Math.min(MAX_BLOCK, Math.max(1, blocks) * MIN_BLOCK);
  }

  /** An array of exactly {@code rows} rows (a model may insist on the exact length). */
  private float[] block(int rows) {
    if (rows != blockRows) {
      block = new float[rows * width];
      blockRows = rows;
    }
    return block;
  }

  private void keep(int k, int from) {
    if (kept[k] == null || kept[k].length < (size[k] + 1) * width) {
      int rows = Math.min(capacity, Math.max(MIN_BLOCK, 2 * size[k]));
      kept[k] = kept[k] == null ? new float[rows * width] : Arrays.copyOf(kept[k], rows * width);
    }
    System.arraycopy(block, from, kept[k], size[k]++ * width, width);
  }
}
