package io.synthforge.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands after a round, as saved in a checkpoint: enough, with the checkpointed state, to continue
 * exactly where it stopped (round seeds derive from the root seed and the round number).
 */
public final class TrainingProgress {
  private final String runId;
  private final String optionsFingerprint;
  private final int round;
  private final Double bestValidationLoss;
  private final int bestRound;
  private final int checksWithoutImprovement;
  private final long startedAtMillis;
  private final long elapsedMillis;
  private final List<Map<String, Object>> log;

  @JsonCreator
  public TrainingProgress(
      @JsonProperty("runId") String runId,
      @JsonProperty("optionsFingerprint") String optionsFingerprint,
      @JsonProperty("round") int round,
      @JsonProperty("bestValidationLoss") Double bestValidationLoss,
      @JsonProperty("bestRound") int bestRound,
      @JsonProperty("checksWithoutImprovement") int checksWithoutImprovement,
      @JsonProperty("startedAtMillis") long startedAtMillis,
      @JsonProperty("elapsedMillis") long elapsedMillis,
      @JsonProperty("log") List<Map<String, Object>> log) {
    this.runId = runId;
    this.optionsFingerprint = optionsFingerprint;
    this.round = round;
    this.bestValidationLoss = bestValidationLoss;
    this.bestRound = bestRound;
    this.checksWithoutImprovement = checksWithoutImprovement;
    this.startedAtMillis = startedAtMillis;
    this.elapsedMillis = elapsedMillis;
    this.log = List.copyOf(log);
  }

  @JsonProperty
  public String runId() {
    return runId;
  }

  /** Fingerprint of the options and dataset; resuming with other ones is refused. */
  @JsonProperty
  public String optionsFingerprint() {
    return optionsFingerprint;
  }

  /** The last completed round. */
  @JsonProperty
  public int round() {
    return round;
  }

  @JsonProperty
  public Double bestValidationLoss() {
    return bestValidationLoss;
  }

  @JsonProperty
  public int bestRound() {
    return bestRound;
  }

  @JsonProperty
  public int checksWithoutImprovement() {
    return checksWithoutImprovement;
  }

  @JsonProperty
  public long startedAtMillis() {
    return startedAtMillis;
  }

  /** Training wall time accumulated over all attempts so far. */
  @JsonProperty
  public long elapsedMillis() {
    return elapsedMillis;
  }

  /** The training log so far, one entry per round (the fields of schemas/artifacts/training_round.avsc). */
  @JsonProperty
  public List<Map<String, Object>> log() {
    return log;
  }
}
