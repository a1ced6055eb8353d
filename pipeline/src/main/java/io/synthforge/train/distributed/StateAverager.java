package io.synthforge.train.distributed;

import io.synthforge.model.ModelState;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums worker states weighted by their examples, for {@code treeAggregate}, and yields the weighted mean of
 * parameters and updater state.
 *
 * <p>Why this arithmetic: Spark merges partial aggregates in the order tasks finish, so the sum must not
 * depend on order. Weights are reduced to small integers (examples / batch rows) and each float × weight is
 * summed in double: such sums are exact, hence order-independent, unless one coordinate's worker values span
 * more than ~2^25 in magnitude — so tree and flat combination agree, and one worker's state comes back bit for
 * bit (plain local training).
 */
public final class StateAverager implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long weightUnit;
  private double[] parameters;
  private double[] updater;
  private long weight;
  private long examples;
  private long steps;
  private long maxMillis;
  private final Map<String, Double> lossSums = new TreeMap<>();

  /** An empty sum; {@code weightUnit} (rows per step) divides every worker's example count. */
  public StateAverager(long weightUnit) {
    this.weightUnit = weightUnit;
  }

  /** Adds one worker's result (seqOp of treeAggregate). */
  public StateAverager add(WorkerResult result) {
    long w = Math.max(1, result.examples() / weightUnit);
    ModelState state = result.state();
    float[] p = state.parameters();
    float[] u = state.updaterState();
    if (parameters == null) {
      parameters = new double[p.length];
      updater = new double[u.length];
    }
    for (int i = 0; i < p.length; i++) {
      parameters[i] += (double) p[i] * w;
    }
    for (int i = 0; i < u.length; i++) {
      updater[i] += (double) u[i] * w;
    }
    weight += w;
    examples += result.examples();
    steps = Math.max(steps, state.steps());
    maxMillis = Math.max(maxMillis, result.millis());
    for (Map.Entry<String, Double> loss : result.meanLosses().entrySet()) {
      lossSums.merge(loss.getKey(), loss.getValue() * w, Double::sum);
    }
    return this;
  }

  /** Merges another partial sum into this one (combOp of treeAggregate). */
  public StateAverager merge(StateAverager other) {
    if (other.parameters == null) {
      return this;
    }
    if (parameters == null) {
      parameters = other.parameters.clone();
      updater = other.updater.clone();
    } else {
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] += other.parameters[i];
      }
      for (int i = 0; i < updater.length; i++) {
        updater[i] += other.updater[i];
      }
    }
    weight += other.weight;
    examples += other.examples;
    steps = Math.max(steps, other.steps);
    maxMillis = Math.max(maxMillis, other.maxMillis);
    for (Map.Entry<String, Double> loss : other.lossSums.entrySet()) {
      lossSums.merge(loss.getKey(), loss.getValue(), Double::sum);
    }
    return this;
  }

  /** The weighted mean state. */
  public ModelState average() {
    if (parameters == null) {
      throw new IllegalStateException("Cannot average a round: no worker returned a result");
    }
    float[] p = new float[parameters.length];
    float[] u = new float[updater.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (parameters[i] / weight);
    }
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) (updater[i] / weight);
    }
    return ModelState.wrap(p, u, steps);
  }

  /** The losses averaged over workers (weighted by examples). */
  public Map<String, Double> meanLosses() {
    Map<String, Double> means = new TreeMap<>();
    for (Map.Entry<String, Double> loss : lossSums.entrySet()) {
      means.put(loss.getKey(), loss.getValue() / weight);
    }
    return means;
  }

  /** Examples processed by all workers. */
  public long examples() {
    return examples;
  }

  /** The slowest worker's step time (the round's critical path). */
  public long slowestWorkerMillis() {
    return maxMillis;
  }
}
