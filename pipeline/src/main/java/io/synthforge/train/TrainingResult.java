package io.synthforge.train;

import io.synthforge.model.ModelState;
import io.synthforge.schema.ModelManifest;

/** What a training run produced: the final (best) state and the manifest written with the bundle. */
public final class TrainingResult {
  private final ModelState state;
  private final ModelManifest manifest;
  private final String modelUri;
  private final int resumedFromRound;

  public TrainingResult(ModelState state, ModelManifest manifest, String modelUri, int resumedFromRound) {
    this.state = state;
    this.manifest = manifest;
    this.modelUri = modelUri;
    this.resumedFromRound = resumedFromRound;
  }

  public ModelState state() {
    return state;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  public String modelUri() {
    return modelUri;
  }

  /** The checkpoint round the run continued from (0 for a fresh run). */
  public int resumedFromRound() {
    return resumedFromRound;
  }
}
