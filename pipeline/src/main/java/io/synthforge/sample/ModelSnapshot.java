package io.synthforge.sample;

import io.synthforge.model.ModelState;
import io.synthforge.train.ModelBundle;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small, immutable snapshot of a trained model that a sample run broadcasts to executors: family, spec,
 * transformer JSON, seed and state, plus the key under which executors cache the models built from it.
 */
public final class ModelSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String family;
  private final Map<String, String> spec;
  private final String transformerJson;
  private final long seed;
  private final ModelState state;

  private ModelSnapshot(String key, String family, Map<String, String> spec, String transformerJson, long seed,
      ModelState state) {
    this.key = key;
    this.family = family;
    this.spec = new TreeMap<>(spec);
    this.transformerJson = transformerJson;
    this.seed = seed;
    this.state = state;
  }

  /** The snapshot of {@code bundle}, cached on executors under {@code key} (unique per sample run). */
  public static ModelSnapshot of(ModelBundle bundle, String key) {
    return new ModelSnapshot(key, bundle.manifest().getFamily(), bundle.manifest().getSpec(), bundle.transformerJson(),
        bundle.manifest().getSeed(), bundle.state());
  }

  /** The executor cache key: one sample run of one bundle. */
  public String key() {
    return key;
  }

  public String family() {
    return family;
  }

  /** The resolved hyperparameters (a copy). */
  public Map<String, String> spec() {
    return new TreeMap<>(spec);
  }

  /** The fitted transformer as JSON. */
  public String transformerJson() {
    return transformerJson;
  }

  /** The seed the model's weights were initialised from. */
  public long seed() {
    return seed;
  }

  /** The trained parameters. */
  public ModelState state() {
    return state;
  }

  @Override
  public String toString() {
    return "ModelSnapshot[" + key + ", " + family + ", " + state + "]";
  }
}
