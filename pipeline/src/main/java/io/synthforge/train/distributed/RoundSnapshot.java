package io.synthforge.train.distributed;

import io.synthforge.model.ModelState;
import java.io.Serializable;
import java.util.Map;

/**
 * What the master broadcasts for one round: the model's identity (family, resolved hyperparameters, the
 * transformer as JSON), its full state (parameters and updater state), and the round's seed and step count.
 * Small, explicit and immutable: workers copy it and never share it.
 */
public final class RoundSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final String family;
  private final Map<String, String> spec;
  private final String transformerJson;
  private final long initSeed;
  private final double validationShare;
  private final double oversampleBelow;
  private final ModelState state;
  private final int round;
  private final long roundSeed;
  private final int batchPerWorker;
  private final int steps;
  private final int threadsPerWorker;
  private final int failFirstAttemptOfRound;

  RoundSnapshot(String runId, String family, Map<String, String> spec, String transformerJson, long initSeed,
      double validationShare, double oversampleBelow, ModelState state, int round, long roundSeed, int batchPerWorker, int steps,
      int threadsPerWorker, int failFirstAttemptOfRound) {
    this.runId = runId;
    this.family = family;
    this.spec = Map.copyOf(spec);
    this.transformerJson = transformerJson;
    this.initSeed = initSeed;
    this.validationShare = validationShare;
    this.oversampleBelow = oversampleBelow;
    this.state = state;
    this.round = round;
    this.roundSeed = roundSeed;
    this.batchPerWorker = batchPerWorker;
    this.steps = steps;
    this.threadsPerWorker = threadsPerWorker;
    this.failFirstAttemptOfRound = failFirstAttemptOfRound;
  }

  /** Identifies the training run; workers key their cached networks and data by it. */
  public String runId() {
    return runId;
  }

  public String family() {
    return family;
  }

  public Map<String, String> spec() {
    return spec;
  }

  public String transformerJson() {
    return transformerJson;
  }

  /** The seed the networks were first built from (their shapes, not their weights, matter to workers). */
  public long initSeed() {
    return initSeed;
  }

  /** Share of each worker's rows held out for validation. */
  public double validationShare() {
    return validationShare;
  }

  /** The least share of draws each label category gets in training batches; 0 draws rows uniformly. */
  public double oversampleBelow() {
    return oversampleBelow;
  }

  public ModelState state() {
    return state;
  }

  /** The round number, 1-based. */
  public int round() {
    return round;
  }

  /** The round's seed; a worker's stream derives from it and the worker's index. */
  public long roundSeed() {
    return roundSeed;
  }

  public int batchPerWorker() {
    return batchPerWorker;
  }

  /** Local steps per worker in this round (the averaging frequency). */
  public int steps() {
    return steps;
  }

  /** Native (BLAS/OpenMP) threads each worker may use, so concurrent tasks do not oversubscribe cores. */
  public int threadsPerWorker() {
    return threadsPerWorker;
  }

  /**
   * Fault injection for recovery drills ({@code spark.synthforge.inject-worker-failure=ROUND}): worker 0 throws
   * on its first attempt of this round; 0 disables it.
   */
  public int failFirstAttemptOfRound() {
    return failFirstAttemptOfRound;
  }
}
