package io.synthforge.model;

import io.synthforge.io.BulkArrays;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything that evolves while a model trains, flattened: the parameters of all its networks (batch-norm
 * running statistics included), the optimiser (updater) state of all its networks, and the step counter.
 * This is what a training round broadcasts to workers, what workers return, and what the driver averages.
 * Immutable: the arrays are copied in and out.
 */
public final class ModelState implements Serializable {
  private static final long serialVersionUID = 2L;
  // Java serialization writes the arrays in bulk (writeObject); Kryo, which ignores this, writes every field.
  private static final ObjectStreamField[] serialPersistentFields = {new ObjectStreamField("steps", long.class)};

  // Not final only so that readObject can restore them; nothing changes them after construction.
  private float[] parameters;
  private float[] updaterState;
  private final long steps;

  private ModelState(float[] parameters, float[] updaterState, long steps) {
    this.parameters = parameters;
    this.updaterState = updaterState;
    this.steps = steps;
  }

  /** A state holding copies of {@code parameters} and {@code updaterState}, after {@code steps} optimiser steps. */
  public static ModelState of(float[] parameters, float[] updaterState, long steps) {
    return new ModelState(parameters.clone(), updaterState.clone(), steps);
  }

  /** Wraps arrays the caller hands over and never touches again (avoids a copy of large vectors). */
  public static ModelState wrap(float[] parameters, float[] updaterState, long steps) {
    return new ModelState(Objects.requireNonNull(parameters), Objects.requireNonNull(updaterState), steps);
  }

  /** A copy of the parameters. */
  public float[] parameters() {
    return parameters.clone();
  }

  /** A copy of the updater state. */
  public float[] updaterState() {
    return updaterState.clone();
  }

  /** Reads parameters into {@code target} without allocating. */
  public void copyParametersTo(float[] target) {
    System.arraycopy(parameters, 0, target, 0, parameters.length);
  }

  /** Reads updater state into {@code target} without allocating. */
  public void copyUpdaterStateTo(float[] target) {
    System.arraycopy(updaterState, 0, target, 0, updaterState.length);
  }

  public int parameterCount() {
    return parameters.length;
  }

  public int updaterStateCount() {
    return updaterState.length;
  }

  /** Optimiser steps taken so far (Adam's bias correction depends on it). */
  public long steps() {
    return steps;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelState
        && steps == ((ModelState) other).steps
        && Arrays.equals(parameters, ((ModelState) other).parameters)
        && Arrays.equals(updaterState, ((ModelState) other).updaterState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(steps, Arrays.hashCode(parameters), Arrays.hashCode(updaterState));
  }

  @Override
  public String toString() {
    return "ModelState[" + parameters.length + " parameters, " + updaterState.length + " updater values, step " + steps + "]";
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    BulkArrays.writeFloats(out, parameters);
    BulkArrays.writeFloats(out, updaterState);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    parameters = Objects.requireNonNull(BulkArrays.readFloats(in), "parameters");
    updaterState = Objects.requireNonNull(BulkArrays.readFloats(in), "updater state");
  }
}
