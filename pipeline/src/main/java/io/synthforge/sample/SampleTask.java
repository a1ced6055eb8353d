package io.synthforge.sample;

import io.synthforge.constraint.ConstraintSet;
import java.io.Serializable;
import java.util.List;

/**
 * Everything a sampling task needs, broadcast once per run: the model snapshot, the plan, the root seed, the
 * identifier fakers (with the training identifiers' Bloom filters), the row validator, the constraints and the model
 * factory.
 * Immutable.
 */
final class SampleTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ModelSnapshot snapshot;
  private final SamplePlan plan;
  private final long seed;
  private final List<IdentifierFaker> fakers;
  private final RowValidator validator;
  private final ModelFactory factory;
  private final boolean javaTimeValues;
  private final ConstraintSet constraints;

  SampleTask(ModelSnapshot snapshot, SamplePlan plan, long seed, List<IdentifierFaker> fakers, RowValidator validator,
      ModelFactory factory, boolean javaTimeValues, ConstraintSet constraints) {
    this.constraints = constraints;
    this.snapshot = snapshot;
    this.plan = plan;
    this.seed = seed;
    this.fakers = List.copyOf(fakers);
    this.validator = validator;
    this.factory = factory;
    this.javaTimeValues = javaTimeValues;
  }

  ModelSnapshot snapshot() {
    return snapshot;
  }

  SamplePlan plan() {
    return plan;
  }

  /** The run's root seed; chunk {@code c} draws from {@code Seeds.derive(seed, salt("sample.chunk"), c)}. */
  long seed() {
    return seed;
  }

  List<IdentifierFaker> fakers() {
    return fakers;
  }

  RowValidator validator() {
    return validator;
  }

  ModelFactory factory() {
    return factory;
  }

  /** The constraints generated rows are derived under and checked against. */
  ConstraintSet constraints() {
    return constraints;
  }

  /** Whether the session takes {@code Instant}/{@code LocalDate} (spark.sql.datetime.java8API.enabled). */
  boolean javaTimeValues() {
    return javaTimeValues;
  }
}
