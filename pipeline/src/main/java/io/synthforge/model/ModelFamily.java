package io.synthforge.model;

import io.synthforge.transform.TableTransformer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A family of generative models (ctgan, tvae, ...): its default hyperparameters and how to build one. */
public interface ModelFamily {
  /** The name used on the command line and in bundles. */
  String name();

  /** Every hyperparameter with its default value; the keys are the only ones a spec may set. */
  Map<String, String> defaults();

  /**
   * A new model for data encoded by {@code transformer} (its layout and category frequencies), with weights
   * initialised from {@code seed}.
   */
  GenerativeModel create(ModelSpec spec, TableTransformer transformer, long seed);

  /** Checks, before any work starts, that {@code batchPerWorker} suits {@code spec}; throws a usage error if not. */
  default void checkBatch(ModelSpec spec, int batchPerWorker) {
  }

  /** The spec of this family with {@code overrides} on top of the defaults. */
  default ModelSpec spec(Map<String, String> overrides) {
    return ModelSpec.of(name(), defaults(), overrides);
  }

  /**
   * The hyperparameters added after bundles were first written, each with the value that rebuilds a bundle saved
   * before it existed (which may differ from today's default).
   */
  default Map<String, String> valuesBeforeTheyExisted() {
    return Map.of();
  }

  /**
   * The spec of a model saved with the resolved hyperparameters {@code stored}: a hyperparameter added since then
   * takes the value that rebuilds the saved model, not today's default.
   */
  default ModelSpec storedSpec(Map<String, String> stored) {
    Map<String, String> completed = new LinkedHashMap<>(stored);
    valuesBeforeTheyExisted().forEach(completed::putIfAbsent);
    return spec(completed);
  }
}
