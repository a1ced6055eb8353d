package io.synthforge.sample;

import java.util.Map;
import java.util.Optional;

/** What a sample run wrote. Immutable. */
public final class SampleResult {
  private final String runId;
  private final long rows;
  private final String output;
  private final String table;
  private final long seed;
  private final int chunks;
  private final int partitions;
  private final String conditions;
  private final long forcedRows;
  private final long elapsedMillis;
  private final Map<String, Long> rejectedDraws;
  private final Map<String, Long> unresolvedRows;

  SampleResult(String runId, long rows, String output, String table, long seed, int chunks, int partitions,
      String conditions, long forcedRows, long elapsedMillis, Map<String, Long> rejectedDraws,
      Map<String, Long> unresolvedRows) {
    this.rejectedDraws = Map.copyOf(rejectedDraws);
    this.unresolvedRows = Map.copyOf(unresolvedRows);
    this.runId = runId;
    this.rows = rows;
    this.output = output;
    this.table = table;
    this.seed = seed;
    this.chunks = chunks;
    this.partitions = partitions;
    this.conditions = conditions;
    this.forcedRows = forcedRows;
    this.elapsedMillis = elapsedMillis;
  }

  public String runId() {
    return runId;
  }

  /** Rows written. */
  public long rows() {
    return rows;
  }

  /** The table directory. */
  public String output() {
    return output;
  }

  /** The catalog table registered, if any. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  public long seed() {
    return seed;
  }

  public int chunks() {
    return chunks;
  }

  public int partitions() {
    return partitions;
  }

  /** The conditions as given; empty when unconditioned. */
  public String conditions() {
    return conditions;
  }

  /** Conditioned rows whose category the generator kept missing and that were set to it (0 for a good model). */
  public long forcedRows() {
    return forcedRows;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }

  /**
   * Generated rows that broke an enforced constraint or the schema and were drawn again, by reason
   * ({@code constraint: <text>} or {@code schema: <what>}); every written row is a redrawn one where needed, never a
   * dropped one.
   */
  public Map<String, Long> rejectedDraws() {
    return rejectedDraws;
  }

  /** The total of {@link #rejectedDraws()}. */
  public long rejectedDrawCount() {
    return rejectedDraws.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Written rows that still break an enforced constraint after every redraw, by constraint (0 for a good model). */
  public Map<String, Long> unresolvedRows() {
    return unresolvedRows;
  }
}
