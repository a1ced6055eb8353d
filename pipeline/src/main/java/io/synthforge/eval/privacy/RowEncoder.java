package io.synthforge.eval.privacy;

import io.synthforge.eval.quality.CategoryFrequencies;
import io.synthforge.eval.quality.NumericSummary;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Encodes a normalised row for distance computations: a continuous value min-max scaled by the real training range
 * (a missing one becomes −1, a unit below the range), a category as its code in the real vocabulary (an unseen one
 * becomes −1). With these codes the squared Euclidean distance of the one-hot ⊕ min-max encoding is computed without
 * materialising the one-hot vectors (see {@link ReferenceMatrix}). A small immutable snapshot shipped to executors.
 */
public final class RowEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean[] categorical;
  private final double[] min;
  private final double[] scale;
  private final Map<String, Integer>[] vocabularies;

  @SuppressWarnings("unchecked")
  private RowEncoder(List<String> columns, List<String> discrete, Map<String, NumericSummary> summaries,
      CategoryFrequencies frequencies) {
    int width = columns.size();
    this.categorical = new boolean[width];
    this.min = new double[width];
    this.scale = new double[width];
    this.vocabularies = new Map[width];
    for (int i = 0; i < width; i++) {
      String name = columns.get(i);
      if (discrete.contains(name)) {
        categorical[i] = true;
        Map<String, Integer> vocabulary = new HashMap<>();
        for (String category : frequencies.realCategories(name)) {
          vocabulary.put(category, vocabulary.size());
        }
        vocabularies[i] = vocabulary;
      } else {
        NumericSummary summary = summaries.get(name);
        min[i] = Double.isNaN(summary.min()) ? 0 : summary.min();
        scale[i] = summary.scale();
      }
    }
  }

  /** An encoder of the normalised {@code columns}, scaled and coded by the real training data. */
  public static RowEncoder fit(List<String> columns, List<String> discrete, Map<String, NumericSummary> summaries,
      CategoryFrequencies frequencies) {
    return new RowEncoder(columns, discrete, summaries, frequencies);
  }

  /** Width of an encoded row (one value per learned column). */
  public int width() {
    return categorical.length;
  }

  /** Whether position {@code i} holds a category code (else a scaled number). */
  public boolean categorical(int i) {
    return categorical[i];
  }

  /** The encoding of a normalised row whose fields are the encoder's columns, in order. */
  public float[] encode(Row row) {
    float[] encoded = new float[categorical.length];
    for (int i = 0; i < categorical.length; i++) {
      if (categorical[i]) {
        Integer code = vocabularies[i].get(row.getString(i));
        encoded[i] = code == null ? -1f : code;
      } else if (row.isNullAt(i) || Double.isNaN(row.getDouble(i))) {
        encoded[i] = -1f;
      } else {
        encoded[i] = (float) ((row.getDouble(i) - min[i]) / scale[i]);
      }
    }
    return encoded;
  }
}
