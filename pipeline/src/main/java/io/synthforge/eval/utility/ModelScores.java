package io.synthforge.eval.utility;

/**
 * Scores of one binary classifier on the real holdout.
 *
 * @param rocAuc area under the ROC curve
 * @param prAuc area under the precision–recall curve
 * @param f1 F1 of the positive class at probability threshold 0.5
 * @param accuracy accuracy at threshold 0.5
 */
public record ModelScores(double rocAuc, double prAuc, double f1, double accuracy) {
  /** Scores of a model that could not be trained. */
  public static final ModelScores MISSING = new ModelScores(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** Each score of {@code this} divided by the same score of {@code baseline} (NaN where the baseline is 0). */
  public ModelScores ratioTo(ModelScores baseline) {
    return new ModelScores(
        ratio(rocAuc, baseline.rocAuc),
        ratio(prAuc, baseline.prAuc),
        ratio(f1, baseline.f1),
        ratio(accuracy, baseline.accuracy));
  }

  private static double ratio(double value, double baseline) {
    return baseline == 0 ? Double.NaN : value / baseline;
  }
}
