package io.synthforge.run;

import io.synthforge.api.JobFailedException;

/**
 * A pipeline run whose synthetic sample failed a quality gate: nothing was published (exit 1). The run manifest
 * ({@link #outcome()}) records the rejected sample, its scores and the failed gates.
 */
public final class GatesFailedException extends JobFailedException {
  private static final long serialVersionUID = 1L;

  private final transient RunOutcome outcome;

  GatesFailedException(String message, RunOutcome outcome) {
    super(message);
    this.outcome = outcome;
  }

  /** The rejected run, as written to its run manifest. */
  public RunOutcome outcome() {
    return outcome;
  }
}
