package io.synthforge.ingest;

import io.synthforge.schema.Relation;
import java.util.List;
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
  private final long roundTripMismatches;
  private final double roundTripMaxError;
  private final List<Relation> relations;
  private final boolean corpus;

  public IngestResult(String runId, String dataset, boolean upToDate, long read, long accepted, long quarantined,
      Map<String, Long> quarantinedByReason, int featureWidth, long elapsedMillis, long roundTripMismatches,
      double roundTripMaxError) {
    this(runId, dataset, upToDate, read, accepted, quarantined, quarantinedByReason, featureWidth, elapsedMillis,
        roundTripMismatches, roundTripMaxError, List.of());
  }

  /** A result that also lists the relations found in the rows. */
  public IngestResult(String runId, String dataset, boolean upToDate, long read, long accepted, long quarantined,
      Map<String, Long> quarantinedByReason, int featureWidth, long elapsedMillis, long roundTripMismatches,
      double roundTripMaxError, List<Relation> relations) {
    this(runId, dataset, upToDate, read, accepted, quarantined, quarantinedByReason, featureWidth, elapsedMillis,
        roundTripMismatches, roundTripMaxError, relations, false);
  }

  private IngestResult(String runId, String dataset, boolean upToDate, long read, long accepted, long quarantined,
      Map<String, Long> quarantinedByReason, int featureWidth, long elapsedMillis, long roundTripMismatches,
      double roundTripMaxError, List<Relation> relations, boolean corpus) {
    this.corpus = corpus;
    this.relations = List.copyOf(relations);
    this.roundTripMismatches = roundTripMismatches;
    this.roundTripMaxError = roundTripMaxError;
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

  /** The result of ingesting a corpus of images, audio or text (no features, transformer or relations). */
  public static IngestResult corpus(String runId, String dataset, boolean upToDate, long read, long accepted,
      long quarantined, Map<String, Long> quarantinedByReason, long elapsedMillis) {
    return new IngestResult(runId, dataset, upToDate, read, accepted, quarantined, quarantinedByReason, 0, elapsedMillis,
        0, 0, List.of(), true);
  }

  /** Whether the input was a corpus of images, audio or text rather than a table. */
  public boolean isCorpus() {
    return corpus;
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

  /** Accepted rows whose discrete values did not survive encode + decode exactly (0 expected). */
  public long roundTripMismatches() {
    return roundTripMismatches;
  }

  /** The relations found in the training rows (see the dataset's relations.yaml). */
  public List<Relation> relations() {
    return relations;
  }

  /** Largest continuous round-trip error relative to the column's range. */
  public double roundTripMaxError() {
    return roundTripMaxError;
  }
}
