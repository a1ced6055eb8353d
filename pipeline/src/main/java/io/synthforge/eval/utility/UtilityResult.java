package io.synthforge.eval.utility;

import java.util.List;
import java.util.Optional;

/**
 * Machine-learning utility: how well models trained on synthetic data predict the real holdout, next to the same
 * models trained on real data.
 *
 * @param target the target column
 * @param positiveValue the value counted as positive
 * @param holdoutRows holdout rows scored
 * @param holdoutPositiveRate share of positive holdout rows (the PR AUC of a random model)
 * @param models one comparison per model family
 * @param notes models that could not be trained, and why
 */
public record UtilityResult(
    String target,
    String positiveValue,
    long holdoutRows,
    double holdoutPositiveRate,
    List<ModelComparison> models,
    List<String> notes) {
  public UtilityResult {
    models = List.copyOf(models);
    notes = List.copyOf(notes);
  }

  /** The comparison of model family {@code name} ({@code gbt} or {@code lr}), if it ran. */
  public Optional<ModelComparison> model(String name) {
    return models.stream().filter(m -> m.model().equals(name)).findFirst();
  }
}
