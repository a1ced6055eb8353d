package io.synthforge.io;

import io.synthforge.api.JobFailedException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's half of a direct write: tasks write into attempt directories of their own under a hidden
 * {@link #ATTEMPTS} directory; once every task succeeded, the files of the one reported attempt per partition move
 * into the data directory and the attempts directory (with whatever failed or duplicate attempts left there) goes.
 * The data directory itself lies inside a staging directory that is made visible by one rename afterwards, so a
 * failure at any point leaves nothing visible.
 */
public final class PartCommit {
  /** The directory, inside the data directory, that holds the task attempts' own directories. */
  public static final String ATTEMPTS = "_attempts";

  private PartCommit() {}

  /** The attempts directory of {@code dataDir}. */
  public static Path attempts(Path dataDir) {
    return new Path(dataDir, ATTEMPTS);
  }

  /** Moves the files of {@code parts} (one per partition) into {@code dataDir} and removes the attempts. */
  public static void commit(FileSystem fs, Path dataDir, List<WrittenPart> parts) {
    Set<Integer> seen = new HashSet<>();
    for (WrittenPart part : parts) {
      if (!seen.add(part.partition())) {
        throw new JobFailedException("Cannot commit " + dataDir + ": partition " + part.partition()
            + " was reported twice");
      }
    }
    try {
      if (!fs.mkdirs(dataDir)) {
        throw new JobFailedException("Cannot commit " + dataDir + ": cannot create it");
      }
      for (WrittenPart part : parts) {
        for (String file : part.files()) {
          Path from = new Path(part.attemptDir(), file);
          Path to = new Path(dataDir, file);
          if (!fs.rename(from, to)) {
            throw new JobFailedException("Cannot commit " + dataDir + ": rename from " + from + " failed");
          }
        }
      }
      fs.delete(attempts(dataDir), true);
    } catch (IOException e) {
      throw new JobFailedException("Cannot commit " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
