package io.synthforge.run;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import io.synthforge.publish.TableOutput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of a pipeline's synthetic table, one directory {@code v-<run id>} per sample under
 * {@code targets.synthetic}. A sample is written to a new version that no catalog table points at, so it stays out
 * of analysts' sight until its evaluation passes the gates and publish re-points the table at it; published data is
 * never rewritten in place. {@link #sweep} bounds what accumulates.
 */
final class SyntheticVersions {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticVersions.class);
  /** The name prefix of a version directory. */
  static final String PREFIX = "v-";

  private final Storage storage;
  private final Path parent;

  SyntheticVersions(Storage storage, Path parent) {
    this.storage = storage;
    this.parent = parent;
  }

  /** The directory of the version sampled by pipeline run {@code runId}. */
  Path of(String runId) {
    return new Path(parent, PREFIX + runId);
  }

  /**
   * Refuses to stage versions inside a table directory of the layout before versions (one table directory at
   * {@code targets.synthetic}): a table reading that directory recursively would show every staged sample.
   */
  void checkLayout() {
    Path schema = new Path(parent, TableOutput.SCHEMA_FILE);
    if (storage.exists(schema)) {
      throw new UsageException("Cannot stage a sample under " + parent + ": it is a table directory written before "
          + "synthetic tables were versioned (it has " + TableOutput.SCHEMA_FILE + "); set targets.synthetic to a new "
          + "directory, or delete " + parent + " and run again");
    }
  }

  /**
   * Deletes every version, and every staging leftover of a killed sample ({@code .v-*}), except {@code keep}
   * (locations of any form; those outside this directory are ignored). Returns what was deleted.
   */
  List<Path> sweep(Collection<String> keep) {
    Set<String> kept = new HashSet<>();
    for (String location : keep) {
      if (location != null && !location.isEmpty()) {
        kept.add(normalised(location));
      }
    }
    FileSystem fs = storage.fileSystem(parent);
    FileStatus[] children;
    try {
      children = fs.listStatus(parent);
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new JobFailedException("Cannot list the synthetic versions in " + parent + ": " + e.getMessage(), e);
    }
    List<Path> deleted = new ArrayList<>();
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      boolean ours = name.startsWith(PREFIX) || name.startsWith("." + PREFIX);
      if (ours && !kept.contains(normalised(child.getPath().toString()))) {
        storage.deleteIfExists(child.getPath());
        deleted.add(child.getPath());
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("Deleted {} synthetic version(s) no longer published or inspected: {}", deleted.size(), deleted);
    }
    return deleted;
  }

  /** One spelling per location: listings say {@code file:///a} where qualified paths say {@code file:/a}. */
  private String normalised(String location) {
    return storage.qualify(location).toString().replaceAll("/+$", "");
  }
}
