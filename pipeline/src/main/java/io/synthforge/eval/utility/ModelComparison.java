package io.synthforge.eval.utility;

/**
 * One model family trained on the synthetic table and on the real training table, both scored on the real holdout.
 *
 * @param model {@code gbt} or {@code lr}
 * @param synthetic scores of the model trained on synthetic data (train-synthetic, test-real)
 * @param real scores of the model trained on real data (train-real, test-real)
 * @param ratio synthetic / real, score by score
 * @param prAucRatioInterval the 95 % bootstrap interval of the PR AUC ratio over resamples of the holdout
 */
public record ModelComparison(
    String model, ModelScores synthetic, ModelScores real, ModelScores ratio, RatioInterval prAucRatioInterval) {}
