package io.synthforge.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished pipeline run: its id, its steps' records (skipped or run), its verdict and its wall time; the run
 * manifest.
 */
public final class RunOutcome {
  /** Every gate passed and the sample was published (to the table, when the pipeline names one). */
  public static final String PUBLISHED = "published";
  /** A gate failed: the sample was kept aside and the table left as it was. */
  public static final String REJECTED = "rejected";

  private final String runId;
  private final String pipeline;
  private final String root;
  private final Map<String, StepRecord> steps;
  private final Map<String, StepRecord> ordered;
  private final long millis;
  private final String status;
  private final List<String> gateFailures;

  RunOutcome(String runId, String pipeline, String root, Map<String, StepRecord> steps, long millis, String status,
      List<String> gateFailures) {
    this.runId = runId;
    this.pipeline = pipeline;
    this.root = root;
    this.steps = Map.copyOf(steps);
    this.ordered = new LinkedHashMap<>(steps);
    this.millis = millis;
    this.status = status;
    this.gateFailures = List.copyOf(gateFailures);
  }

  public String runId() {
    return runId;
  }

  public String pipeline() {
    return pipeline;
  }

  /** The pipeline's target directory. */
  public String root() {
    return root;
  }

  /** Every step's record, in pipeline order; a record from an earlier run means the step was skipped. */
  public Map<String, StepRecord> steps() {
    return new LinkedHashMap<>(ordered);
  }

  /** Whether {@code step} ran in this run (as opposed to being skipped as up to date). */
  public boolean ran(String step) {
    StepRecord record = steps.get(step);
    return record != null && runId.equals(record.runId());
  }

  public long millis() {
    return millis;
  }

  /** {@value #PUBLISHED} or {@value #REJECTED}. */
  public String status() {
    return status;
  }

  /** One message per failed gate of a rejected run (empty when published). */
  public List<String> gateFailures() {
    return gateFailures;
  }

  /** The run manifest as JSON (written to {@code <target>/runs/<run id>.json}). */
  public String toJson() {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("run_id", runId);
    manifest.put("pipeline", pipeline);
    manifest.put("target", root);
    manifest.put("millis", millis);
    manifest.put("status", status);
    manifest.put("gate_failures", gateFailures);
    Map<String, Object> stepMap = new LinkedHashMap<>();
    for (Map.Entry<String, StepRecord> step : ordered.entrySet()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("status", ran(step.getKey()) ? "ran" : "skipped (up to date)");
      entry.put("fingerprint", step.getValue().fingerprint());
      entry.put("millis", step.getValue().millis());
      entry.put("outputs", step.getValue().outputs());
      stepMap.put(step.getKey(), entry);
    }
    manifest.put("steps", stepMap);
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write run manifest: " + e.getOriginalMessage(), e);
    }
  }
}
