package io.synthforge.eval.quality;

import java.util.List;

/**
 * Real and synthetic shares of one column over the same bins (numeric columns, bins between real quantiles) or
 * categories (the most frequent real categories, the rest summed as {@code (other)}).
 *
 * @param labels bin or category labels
 * @param real the real share of each label; sums to 1 (or 0 for an empty table)
 * @param synthetic the synthetic share of each label
 */
public record Distribution(List<String> labels, List<Double> real, List<Double> synthetic) {
  public Distribution {
    labels = List.copyOf(labels);
    real = List.copyOf(real);
    synthetic = List.copyOf(synthetic);
  }
}
