package io.synthforge.io;

import java.io.Serializable;
import java.util.List;

/**
 * What one successful task attempt wrote: its partition, the attempt's own directory, the names of its files there
 * (in order) and their row count. Immutable.
 */
public final class WrittenPart implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int partition;
  private final String attemptDir;
  /** An array, not a List: Spark's Kryo cannot rebuild an immutable List when the task result comes back. */
  private final String[] files;
  private final long rows;

  public WrittenPart(int partition, String attemptDir, List<String> files, long rows) {
    this.partition = partition;
    this.attemptDir = attemptDir;
    this.files = files.toArray(new String[0]);
    this.rows = rows;
  }

  public int partition() {
    return partition;
  }

  /** The directory only this attempt wrote into. */
  public String attemptDir() {
    return attemptDir;
  }

  public List<String> files() {
    return List.of(files);
  }

  public long rows() {
    return rows;
  }
}
