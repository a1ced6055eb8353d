package io.synthforge.train.distributed;

import io.synthforge.io.BulkArrays;
import io.synthforge.model.ModelState;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
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
 *
 * <p>A sum of one worker keeps that worker's float values and weight and widens them only when a second
 * contribution arrives: a partition's partial sum, which Spark ships to the driver, is then half the bytes.
 */
public final class StateAverager implements Serializable {
  private static final long serialVersionUID = 2L;
  // Java serialization writes the arrays in bulk (writeObject); Kryo, which ignores this, writes every field.
  private static final ObjectStreamField[] serialPersistentFields = {
      new ObjectStreamField("weightUnit", long.class), new ObjectStreamField("weight", long.class),
      new ObjectStreamField("examples", long.class), new ObjectStreamField("steps", long.class),
      new ObjectStreamField("maxMillis", long.class), new ObjectStreamField("lossSums", Map.class)};

  private final long weightUnit;
  // Either both null (nothing added, or one contribution kept in sole*), or the widened weighted sums.
  private double[] parameters;
  private double[] updater;
  private float[] soleParameters;
  private float[] soleUpdater;
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
    if (isEmpty()) {
      soleParameters = state.parameters();
      soleUpdater = state.updaterState();
    } else {
      widen();
      accumulate(parameters, state.parameters(), w);
      accumulate(updater, state.updaterState(), w);
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
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      soleParameters = other.soleParameters;
      soleUpdater = other.soleUpdater;
      parameters = other.parameters == null ? null : other.parameters.clone();
      updater = other.updater == null ? null : other.updater.clone();
    } else {
      widen();
      if (other.soleParameters != null) {
        accumulate(parameters, other.soleParameters, other.weight);
        accumulate(updater, other.soleUpdater, other.weight);
      } else {
        for (int i = 0; i < parameters.length; i++) {
          parameters[i] += other.parameters[i];
        }
        for (int i = 0; i < updater.length; i++) {
          updater[i] += other.updater[i];
        }
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
    if (isEmpty()) {
      throw new IllegalStateException("Cannot average a round: no worker returned a result");
    }
    if (soleParameters != null) {
      // One worker: its own values, bit for bit (the mean of one).
      return ModelState.wrap(soleParameters.clone(), soleUpdater.clone(), steps);
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

  private boolean isEmpty() {
    return parameters == null && soleParameters == null;
  }

  /** Turns a kept single contribution into weighted double sums. */
  private void widen() {
    if (soleParameters == null) {
      return;
    }
    parameters = new double[soleParameters.length];
    updater = new double[soleUpdater.length];
    accumulate(parameters, soleParameters, weight);
    accumulate(updater, soleUpdater, weight);
    soleParameters = null;
    soleUpdater = null;
  }

  private static void accumulate(double[] sums, float[] values, long w) {
    for (int i = 0; i < values.length; i++) {
      sums[i] += (double) values[i] * w;
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    BulkArrays.writeFloats(out, soleParameters);
    BulkArrays.writeFloats(out, soleUpdater);
    BulkArrays.writeDoubles(out, parameters);
    BulkArrays.writeDoubles(out, updater);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    soleParameters = BulkArrays.readFloats(in);
    soleUpdater = BulkArrays.readFloats(in);
    parameters = BulkArrays.readDoubles(in);
    updater = BulkArrays.readDoubles(in);
  }
}
