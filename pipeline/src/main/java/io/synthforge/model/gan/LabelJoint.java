package io.synthforge.model.gan;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.TrainingData;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The joint shares of the label and each CTGAN condition, for a generator conditioned on the label as well: entry
 * {@code (vectorOffset(c) + k) * labelWidth + l} is the share of training rows whose conditionable span {@code c}
 * has category {@code k} and whose label is {@code l} (each span's block sums to 1).
 *
 * <p>Why it is needed: generation must draw the condition and the label together as the training rows pair them;
 * a label drawn independently of the condition (say "Husband" with the label's overall rate) would undo the
 * dependence the conditioned generator learned. The shares are statistics of the training rows, not trained: they
 * travel in the model's state so that workers' tables are averaged like parameters and the saved model can sample
 * without its data. Until rows are seen, the table assumes independence (the fitted frequencies).
 */
final class LabelJoint {
  private final ConditionSampler conditions;
  private final int labelSpan;
  private final int labelCondition;
  private final int labelWidth;
  private final double[] labelCumulative;
  private final float[] shares;
  /**
   * Cumulative shares, rebuilt when the shares change: per conditionable span over (category, label) cells; per
   * label and span over categories; per condition-vector position over labels. A null entry sums to nothing.
   */
  private double[][] joint;
  private double[][][] categoryGivenLabel;
  private double[][] labelGivenCategory;
  private TrainingData counted;

  /**
   * A table for {@code conditions} and the label in layout span {@code labelSpan} (itself conditionable), whose
   * categories have training counts {@code labelFrequencies}; {@code categoryFrequencies[c]} holds span {@code c}'s.
   */
  LabelJoint(ConditionSampler conditions, int labelSpan, long[] labelFrequencies, long[][] categoryFrequencies) {
    this.conditions = conditions;
    this.labelSpan = labelSpan;
    this.labelCondition = conditions.conditionable(labelSpan);
    if (labelCondition < 0) {
      throw new IllegalArgumentException("Cannot condition ctgan on span " + labelSpan
          + ": it is not a conditionable one-hot span");
    }
    this.labelWidth = conditions.width(labelCondition);
    if (labelFrequencies.length != labelWidth) {
      throw new IllegalArgumentException("Cannot condition ctgan on span " + labelSpan + ": " + labelWidth
          + " categories but " + labelFrequencies.length + " frequencies");
    }
    this.labelCumulative = cumulative(toDouble(labelFrequencies), 0, labelWidth);
    if (labelCumulative == null) {
      throw new IllegalArgumentException("Cannot condition ctgan on span " + labelSpan
          + ": its categories were never seen");
    }
    this.shares = new float[conditions.width() * labelWidth];
    double[] label = toDouble(labelFrequencies);
    double labelTotal = Arrays.stream(label).sum();
    for (int c = 0; c < conditions.count(); c++) {
      double[] category = toDouble(categoryFrequencies[c]);
      double total = Arrays.stream(category).sum();
      for (int k = 0; k < conditions.width(c); k++) {
        for (int l = 0; l < labelWidth; l++) {
          double categoryShare = total > 0 ? category[k] / total : 1.0 / category.length;
          double share = c == labelCondition ? (k == l ? label[l] / labelTotal : 0)
              : categoryShare * label[l] / labelTotal;
          shares[index(c, k, l)] = (float) share;
        }
      }
    }
  }

  private static double[] toDouble(long[] counts) {
    double[] values = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      values[i] = Math.max(0, counts[i]);
    }
    return values;
  }

  /** Cumulative weights of {@code weights[from, from + size)}, or null when they sum to nothing. */
  private static double[] cumulative(double[] weights, int from, int size) {
    double[] cumulative = new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      total += weights[from + i];
      cumulative[i] = total;
    }
    return total > 0 ? cumulative : null;
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = 0;
    while (i < cumulative.length - 1 && cumulative[i] <= u) {
      i++;
    }
    return i;
  }

  private int index(int c, int k, int l) {
    return (conditions.vectorOffset(c) + k) * labelWidth + l;
  }

  /** The layout index of the label's span. */
  int labelSpan() {
    return labelSpan;
  }

  /** The number of label categories (the width of the generator's label input). */
  int labelWidth() {
    return labelWidth;
  }

  /** How many values the table holds in the model's state. */
  int size() {
    return shares.length;
  }

  /** Counts the table from {@code data}'s rows, unless it was last counted from the same rows. */
  void count(TrainingData data) {
    if (data == counted || data.rows() == 0) {
      return;
    }
    double[] counts = new double[shares.length];
    for (int row = 0; row < data.rows(); row++) {
      int l = (int) data.compactValue(row, labelSpan);
      for (int c = 0; c < conditions.count(); c++) {
        counts[index(c, (int) data.compactValue(row, conditions.spanIndex(c)), l)]++;
      }
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] = (float) (counts[i] / data.rows());
    }
    joint = null;
    counted = data;
  }

  /** The label of training row {@code row} of {@code data}. */
  int label(TrainingData data, int row) {
    return (int) data.compactValue(row, labelSpan);
  }

  void copyTo(float[] target, int offset) {
    System.arraycopy(shares, 0, target, offset, shares.length);
  }

  /** Replaces the table (a state's averaged shares); the next {@link #count} counts its rows again. */
  void copyFrom(float[] source, int offset) {
    System.arraycopy(source, offset, shares, 0, shares.length);
    joint = null;
    counted = null;
  }

  /** Rebuilds the cumulative tables of the three kinds of draw from the shares. */
  private void prepare() {
    int count = conditions.count();
    joint = new double[count][];
    categoryGivenLabel = new double[labelWidth][count][];
    labelGivenCategory = new double[conditions.width()][];
    for (int c = 0; c < count; c++) {
      int width = conditions.width(c);
      int first = conditions.vectorOffset(c) * labelWidth;
      joint[c] = cumulative(toDouble(shares, first, width * labelWidth), 0, width * labelWidth);
      for (int l = 0; l < labelWidth; l++) {
        double[] weights = new double[width];
        for (int k = 0; k < width; k++) {
          weights[k] = shares[index(c, k, l)];
        }
        categoryGivenLabel[l][c] = cumulative(weights, 0, width);
      }
      for (int k = 0; k < width; k++) {
        labelGivenCategory[conditions.vectorOffset(c) + k] = cumulative(toDouble(shares, index(c, k, 0), labelWidth),
            0, labelWidth);
      }
    }
  }

  private static double[] toDouble(float[] values, int from, int size) {
    double[] copy = new double[size];
    for (int i = 0; i < size; i++) {
      copy[i] = Math.max(0, values[from + i]);
    }
    return copy;
  }

  /**
   * Draws a generation condition and label: writes the conditionable span and category into {@code choice[2 * row]}
   * and {@code choice[2 * row + 1]} and the label into {@code labels[row]}. Without {@code fixed}: the span uniformly,
   * then (category, label) by their joint share. Under the label: the span uniformly, the category by its share
   * among rows of that label. Under another span's category: the label by its share among rows of that category.
   * A draw whose shares are all zero (a category the training rows never had) falls back to uniform categories or
   * the label's fitted frequencies.
   */
  void draw(GenerationCondition fixed, SplittableRandom random, int[] choice, int row, int[] labels) {
    if (joint == null) {
      prepare();
    }
    if (fixed == null) {
      int c = random.nextInt(conditions.count());
      int cells = conditions.width(c) * labelWidth;
      int cell = joint[c] == null ? random.nextInt(cells) : draw(joint[c], random);
      choice[2 * row] = c;
      choice[2 * row + 1] = cell / labelWidth;
      labels[row] = cell % labelWidth;
      return;
    }
    if (fixed.spanIndex() == labelSpan) {
      int l = fixed.category();
      int c = random.nextInt(conditions.count());
      double[] among = categoryGivenLabel[l][c];
      choice[2 * row] = c;
      choice[2 * row + 1] = c == labelCondition ? l : among == null ? random.nextInt(conditions.width(c))
          : draw(among, random);
      labels[row] = l;
      return;
    }
    int c = conditions.conditionable(fixed.spanIndex());
    int k = fixed.category();
    double[] among = labelGivenCategory[conditions.vectorOffset(c) + k];
    choice[2 * row] = c;
    choice[2 * row + 1] = k;
    labels[row] = draw(among == null ? labelCumulative : among, random);
  }
}
