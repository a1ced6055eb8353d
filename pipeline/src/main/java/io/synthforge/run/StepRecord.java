package io.synthforge.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What a pipeline step recorded in {@code <target>/_steps/<step>.json}: its fingerprint, status and outputs. */
public final class StepRecord {
  /** The step started and has not finished (interrupted, or running). */
  public static final String STARTED = "started";
  /** The step finished and its outputs are complete. */
  public static final String COMPLETED = "completed";

  private final String step;
  private final String fingerprint;
  private final String status;
  private final String runId;
  private final long millis;
  private final Map<String, String> outputs;

  @JsonCreator
  public StepRecord(@JsonProperty("step") String step, @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("status") String status, @JsonProperty("runId") String runId, @JsonProperty("millis") long millis,
      @JsonProperty("outputs") Map<String, String> outputs) {
    this.step = step;
    this.fingerprint = fingerprint;
    this.status = status;
    this.runId = runId;
    this.millis = millis;
    this.outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
  }

  @JsonProperty
  public String step() {
    return step;
  }

  /** Hash of the step's configuration, its inputs and its upstream steps' fingerprints. */
  @JsonProperty
  public String fingerprint() {
    return fingerprint;
  }

  @JsonProperty
  public String status() {
    return status;
  }

  /** The pipeline run that wrote this record. */
  @JsonProperty
  public String runId() {
    return runId;
  }

  @JsonProperty
  public long millis() {
    return millis;
  }

  @JsonProperty
  public Map<String, String> outputs() {
    return outputs;
  }

  /** Whether this record says the step is complete for exactly {@code currentFingerprint}. */
  public boolean completes(String currentFingerprint) {
    return COMPLETED.equals(status) && fingerprint.equals(currentFingerprint);
  }
}
