package io.synthforge.eval.privacy;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The encoded real training rows, stored column-major (scaled numbers as {@code float[column][row]}, category codes
 * as {@code int[column][row]}), and a brute-force nearest-neighbour kernel over them. The squared distance between a
 * query q and a reference row r is Σ_numeric (q − r)² + 2·#{categorical columns where q ≠ r}, exactly the squared
 * Euclidean distance between their one-hot ⊕ min-max encodings, at the cost of one pass per learned column rather
 * than per one-hot position. Reference rows are walked in blocks that stay in cache while every query of a
 * partition visits the block; each inner loop is a branch-free element-wise update that the JIT vectorises.
 */
public final class ReferenceMatrix implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BLOCK = 2048;

  private final int[] numericPositions;
  private final int[] categoricalPositions;
  private final float[][] numbers;
  private final int[][] codes;
  private final int rows;

  private ReferenceMatrix(int[] numericPositions, int[] categoricalPositions, float[][] numbers, int[][] codes,
      int rows) {
    this.numericPositions = numericPositions;
    this.categoricalPositions = categoricalPositions;
    this.numbers = numbers;
    this.codes = codes;
    this.rows = rows;
  }

  /** The reference built from {@code encodedRows} (at most {@code capacity} of them), encoded by {@code encoder}. */
  public static ReferenceMatrix of(RowEncoder encoder, Iterator<float[]> encodedRows, int capacity) {
    int width = encoder.width();
    int categorical = 0;
    for (int d = 0; d < width; d++) {
      categorical += encoder.categorical(d) ? 1 : 0;
    }
    int[] numericPositions = new int[width - categorical];
    int[] categoricalPositions = new int[categorical];
    for (int d = 0, n = 0, c = 0; d < width; d++) {
      if (encoder.categorical(d)) {
        categoricalPositions[c++] = d;
      } else {
        numericPositions[n++] = d;
      }
    }
    float[][] numbers = new float[numericPositions.length][capacity];
    int[][] codes = new int[categorical][capacity];
    int count = 0;
    while (encodedRows.hasNext() && count < capacity) {
      float[] row = encodedRows.next();
      for (int n = 0; n < numericPositions.length; n++) {
        numbers[n][count] = row[numericPositions[n]];
      }
      for (int c = 0; c < categorical; c++) {
        codes[c][count] = (int) row[categoricalPositions[c]];
      }
      count++;
    }
    for (int n = 0; n < numbers.length; n++) {
      numbers[n] = Arrays.copyOf(numbers[n], count);
    }
    for (int c = 0; c < codes.length; c++) {
      codes[c] = Arrays.copyOf(codes[c], count);
    }
    return new ReferenceMatrix(numericPositions, categoricalPositions, numbers, codes, count);
  }

  /** Number of reference rows. */
  public int rows() {
    return rows;
  }

  /** For each query, the Euclidean distance to its nearest reference row (+∞ when the reference is empty). */
  public double[] nearestDistances(float[][] queries) {
    float[] best = new float[queries.length];
    Arrays.fill(best, Float.POSITIVE_INFINITY);
    float[] squares = new float[BLOCK];
    int[] mismatches = new int[BLOCK];
    for (int start = 0; start < rows; start += BLOCK) {
      int length = Math.min(BLOCK, rows - start);
      for (int q = 0; q < queries.length; q++) {
        float[] query = queries[q];
        Arrays.fill(squares, 0, length, 0f);
        Arrays.fill(mismatches, 0, length, 0);
        for (int n = 0; n < numbers.length; n++) {
          addSquares(numbers[n], start, length, query[numericPositions[n]], squares);
        }
        for (int c = 0; c < codes.length; c++) {
          addMismatches(codes[c], start, length, (int) query[categoricalPositions[c]], mismatches);
        }
        best[q] = Math.min(best[q], smallest(squares, mismatches, length));
      }
    }
    double[] distances = new double[queries.length];
    for (int q = 0; q < queries.length; q++) {
      distances[q] = Math.sqrt(best[q]);
    }
    return distances;
  }

  // Small loops in methods of their own: C2 compiles and vectorises each fully instead of one big OSR loop nest.
  private static void addSquares(float[] column, int start, int length, float value, float[] squares) {
    for (int j = 0; j < length; j++) {
      float difference = column[start + j] - value;
      squares[j] += difference * difference;
    }
  }

  private static void addMismatches(int[] column, int start, int length, int code, int[] mismatches) {
    for (int j = 0; j < length; j++) {
      // (x | −x) >>> 31 is 1 when x ≠ 0, else 0: a branch-free "categories differ".
      int difference = column[start + j] - code;
      mismatches[j] += (difference | -difference) >>> 31;
    }
  }

  private static float smallest(float[] squares, int[] mismatches, int length) {
    float nearest = Float.POSITIVE_INFINITY;
    for (int j = 0; j < length; j++) {
      squares[j] += 2f * mismatches[j];
    }
    for (int j = 0; j < length; j++) {
      nearest = Math.min(nearest, squares[j]);
    }
    return nearest;
  }
}
