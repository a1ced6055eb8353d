package io.synthforge.ingest;

import java.util.Map;

/** What an ingest run did; {@code read == accepted + quarantined} always holds. */
public final class IngestResult {
  private final String runId;
  private final String dataset;
  private final boolean upToDate;
  private final long read;
  private final long accepted;
  private final long quarantined;
  private final Map<String, Long> quarantinedByReason;
  private final int featureWidth;
  private final long elapsedMillis;

  public IngestResult(String runId, String dataset, boolean upToDate, long read, long accepted, long quarantined,
      Map<String, Long> quarantinedByReason, int featureWidth, long elapsedMillis) {
    if (read != accepted + quarantined) {
      throw new IllegalStateException("Cannot account for ingest " + runId + ": read " + read + " != accepted "
          + accepted + " + quarantined " + quarantined);
    }
    this.runId = runId;
    this.dataset = dataset;
    this.upToDate = upToDate;
    this.read = read;
    this.accepted = accepted;
    this.quarantined = quarantined;
    this.quarantinedByReason = Map.copyOf(quarantinedByReason);
    this.featureWidth = featureWidth;
    this.elapsedMillis = elapsedMillis;
  }

  public String runId() {
    return runId;
  }

  /** The dataset directory's URI. */
  public String dataset() {
    return dataset;
  }

  /** True when the dataset already held this exact input and nothing was rewritten. */
  public boolean upToDate() {
    return upToDate;
  }

  public long read() {
    return read;
  }

  public long accepted() {
    return accepted;
  }

  public long quarantined() {
    return quarantined;
  }

  public Map<String, Long> quarantinedByReason() {
    return quarantinedByReason;
  }

  public int featureWidth() {
    return featureWidth;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }
}
