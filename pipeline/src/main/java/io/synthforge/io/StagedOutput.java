package io.synthforge.io;

import io.synthforge.api.JobFailedException;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory written under a hidden staging sibling and made visible by one rename, so a job that
 * fails or is killed never leaves a partial output at the target.
 *
 * <p>Use: write everything under {@link #staging()}, then {@link #commit()}; {@link #abort()} (or
 * try-with-resources without commit) removes the staging directory.
 */
public final class StagedOutput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

  private final Storage storage;
  private final Path target;
  private final Path staging;
  private final boolean replace;
  private boolean committed;

  private StagedOutput(Storage storage, Path target, boolean replace) {
    this.storage = storage;
    this.target = target;
    this.replace = replace;
    this.staging = new Path(target.getParent(), "." + target.getName() + "._staging-" + UUID.randomUUID());
  }

  /** Starts a staged write of {@code target}; {@code replace} allows an existing target to be replaced. */
  public static StagedOutput begin(Storage storage, Path target, boolean replace) {
    return new StagedOutput(storage, target, replace);
  }

  /** The directory to write into. */
  public Path staging() {
    return staging;
  }

  /** The directory that becomes visible on commit. */
  public Path target() {
    return target;
  }

  /** Makes the staged output visible at the target, replacing an older one when allowed. */
  public void commit() {
    FileSystem fs = storage.fileSystem(target);
    try {
      Path retired = null;
      if (fs.exists(target)) {
        if (!replace) {
          throw new JobFailedException("Cannot commit output " + target + ": it appeared while the job ran");
        }
        retired = new Path(target.getParent(), "." + target.getName() + "._retired-" + UUID.randomUUID());
        if (!fs.rename(target, retired)) {
          throw new JobFailedException("Cannot commit output " + target + ": the old output could not be moved aside");
        }
      }
      if (!fs.rename(staging, target)) {
        if (retired != null) {
          fs.rename(retired, target);
        }
        throw new JobFailedException("Cannot commit output " + target + ": rename from " + staging + " failed");
      }
      committed = true;
      if (retired != null) {
        fs.delete(retired, true);
      }
    } catch (IOException e) {
      throw new JobFailedException("Cannot commit output " + target + ": " + e.getMessage(), e);
    }
  }

  /** Removes the staging directory unless the output was committed. */
  public void abort() {
    if (!committed) {
      try {
        storage.deleteIfExists(staging);
      } catch (RuntimeException e) {
        LOG.warn("Cannot remove staging directory {}: {}", staging, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    abort();
  }

  /** Whether {@link #commit()} succeeded. */
  public boolean committed() {
    return committed;
  }

  /** Exposed for messages and tests. */
  @Override
  public String toString() {
    return "StagedOutput[" + target + "]";
  }

  /** Ensures the parent of {@code target} exists (some file systems refuse renames into a missing parent). */
  public void prepareParent() {
    try {
      storage.fileSystem(target).mkdirs(target.getParent());
    } catch (IOException e) {
      throw new JobFailedException("Cannot create " + target.getParent() + ": " + e.getMessage(), e);
    }
  }
}
