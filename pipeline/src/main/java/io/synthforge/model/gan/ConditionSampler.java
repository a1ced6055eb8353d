package io.synthforge.model.gan;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's conditional vector over the conditionable one-hot spans (concatenated in layout order), optionally
 * followed by the mode spans of named continuous columns: a condition is one of these spans and one of its
 * categories. Training draws the span uniformly and the category by log-frequency {@code log(count + 1)} in the
 * worker's data (training-by-sampling); generation draws a conditionable span and its category by the category
 * frequencies the transformer was fitted on, never a mode span (their frequencies are not fitted; a categorical
 * condition at its real frequency already yields the table's joint distribution).
 */
final class ConditionSampler {
  private final int[] spanIndices;
  /** The spans generation draws from: the first {@code generationCount} (the conditionable ones). */
  private final int generationCount;
  private final int[] vectorOffsets;
  private final int[] widths;
  private final double[][] generationCumulative;
  private final int width;
  private TrainingData cachedData;
  private double[][] trainingCumulative;

  ConditionSampler(TableTransformer transformer) {
    this(transformer, List.of());
  }

  /**
   * A sampler whose training conditions also cover the mode spans of {@code modeColumns} (continuous columns): the
   * generator then learns each mode's rows, rare ones (such as a spike of large amounts) included, as their own.
   */
  ConditionSampler(TableTransformer transformer, List<String> modeColumns) {
    OutputLayout layout = transformer.layout();
    List<Span> conditionable = new ArrayList<>(layout.conditionableSpans());
    this.generationCount = conditionable.size();
    if (generationCount == 0 && !modeColumns.isEmpty()) {
      throw new UsageException("Cannot condition ctgan on the modes of " + modeColumns
          + ": generation draws its conditions from categorical columns and the table has none");
    }
    for (String column : modeColumns) {
      conditionable.add(modeSpan(layout, column));
    }
    int count = conditionable.size();
    this.spanIndices = new int[count];
    this.vectorOffsets = new int[count];
    this.widths = new int[count];
    this.generationCumulative = new double[count][];
    int offset = 0;
    for (int c = 0; c < count; c++) {
      Span span = conditionable.get(c);
      spanIndices[c] = layout.spans().indexOf(span);
      vectorOffsets[c] = offset;
      widths[c] = span.width();
      offset += span.width();
      ColumnTransform transform = transformer.transform(span.column());
      double[] weights = new double[span.width()];
      if (transform instanceof CategoricalTransform) {
        long[] frequencies = ((CategoricalTransform) transform).frequencies();
        for (int k = 0; k < weights.length; k++) {
          weights[k] = frequencies[k];
        }
      } else {
        java.util.Arrays.fill(weights, 1.0);
      }
      generationCumulative[c] = cumulative(weights);
    }
    this.width = offset;
  }

  private static Span modeSpan(OutputLayout layout, String column) {
    if (layout.spansOf(column).isEmpty()) {
      throw new UsageException("Cannot condition ctgan on the modes of column '" + column
          + "': the table has no such column");
    }
    for (Span span : layout.spansOf(column)) {
      if (span.isOneHot() && !span.isConditionable()) {
        return span;
      }
    }
    throw new UsageException("Cannot condition ctgan on the modes of column '" + column
        + "': it is not a continuous column with modes");
  }

  private static double[] cumulative(double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double[] cumulative = new double[weights.length];
    double running = 0;
    for (int k = 0; k < weights.length; k++) {
      running += total > 0 ? weights[k] / total : 1.0 / weights.length;
      cumulative[k] = running;
    }
    cumulative[weights.length - 1] = 1.0;
    return cumulative;
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    double u = random.nextDouble();
    int k = 0;
    while (k < cumulative.length - 1 && u >= cumulative[k]) {
      k++;
    }
    return k;
  }

  /** The width of the conditional vector. */
  int width() {
    return width;
  }

  /** The number of spans a condition can name (conditionable spans, then mode spans). */
  int count() {
    return spanIndices.length;
  }

  /** The number of spans generation draws conditions from (the conditionable spans). */
  int generationCount() {
    return generationCount;
  }

  /** The layout span index of conditionable span {@code c}. */
  int spanIndex(int c) {
    return spanIndices[c];
  }

  /** The offset of conditionable span {@code c} in the conditional vector. */
  int vectorOffset(int c) {
    return vectorOffsets[c];
  }

  /** The width of conditionable span {@code c}. */
  int width(int c) {
    return widths[c];
  }

  /** The conditionable span (counting those only) of layout span {@code spanIndex}, or -1. */
  int conditionable(int spanIndex) {
    for (int c = 0; c < generationCount; c++) {
      if (spanIndices[c] == spanIndex) {
        return c;
      }
    }
    return -1;
  }

  /**
   * Draws a training condition: writes the chosen conditionable span and category into {@code choice[2 * row]}
   * and {@code choice[2 * row + 1]}.
   */
  void drawTraining(TrainingData data, SplittableRandom random, int[] choice, int row) {
    if (data != cachedData) {
      trainingCumulative = new double[spanIndices.length][];
      for (int c = 0; c < spanIndices.length; c++) {
        double[] weights = new double[widths[c]];
        for (int k = 0; k < widths[c]; k++) {
          weights[k] = Math.log(data.count(spanIndices[c], k) + 1.0);
        }
        trainingCumulative[c] = cumulative(weights);
      }
      cachedData = data;
    }
    int c = random.nextInt(spanIndices.length);
    choice[2 * row] = c;
    choice[2 * row + 1] = draw(trainingCumulative[c], random);
  }

  /**
   * Draws a generation condition (conditionable span uniform, category by fitted frequency), or uses
   * {@code fixed}.
   */
  void drawGeneration(GenerationCondition fixed, SplittableRandom random, int[] choice, int row) {
    if (fixed != null) {
      choice[2 * row] = conditionable(fixed.spanIndex());
      choice[2 * row + 1] = fixed.category();
      return;
    }
    int c = random.nextInt(generationCount);
    choice[2 * row] = c;
    choice[2 * row + 1] = draw(generationCumulative[c], random);
  }

  /** The position of the one in the conditional vector of {@code choice[2 * row..]}. */
  int hotIndex(int[] choice, int row) {
    return vectorOffsets[choice[2 * row]] + choice[2 * row + 1];
  }

  /** Writes the one-hot conditional vector of {@code choice[2 * row..]} into {@code out} at {@code offset}. */
  void write(int[] choice, int row, float[] out, int offset) {
    java.util.Arrays.fill(out, offset, offset + width, 0f);
    out[offset + hotIndex(choice, row)] = 1f;
  }
}
