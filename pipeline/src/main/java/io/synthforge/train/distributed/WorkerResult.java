package io.synthforge.train.distributed;

import io.synthforge.model.ModelState;
import java.io.Serializable;
import java.util.Map;

/** What one worker returns from a round: its state after the local steps, its example count and its losses. */
public final class WorkerResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int worker;
  private final ModelState state;
  private final long examples;
  private final Map<String, Double> meanLosses;
  private final long millis;

  WorkerResult(int worker, ModelState state, long examples, Map<String, Double> meanLosses, long millis) {
    this.worker = worker;
    this.state = state;
    this.examples = examples;
    this.meanLosses = Map.copyOf(meanLosses);
    this.millis = millis;
  }

  public int worker() {
    return worker;
  }

  public ModelState state() {
    return state;
  }

  /** Rows processed (steps × batch). */
  public long examples() {
    return examples;
  }

  /** Each loss averaged over the worker's steps. */
  public Map<String, Double> meanLosses() {
    return meanLosses;
  }

  /** Wall time of the worker's steps. */
  public long millis() {
    return millis;
  }
}
