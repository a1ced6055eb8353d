package io.synthforge.run;

import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An exclusive lock on a pipeline's target directory: a file created with "fail if it exists" (atomic on HDFS and
 * local disks), so two runs of the same pipeline and target never write at once. Released on close.
 */
public final class PipelineLock implements AutoCloseable {
  private final Storage storage;
  private final Path file;

  private PipelineLock(Storage storage, Path file) {
    this.storage = storage;
    this.file = file;
  }

  /** Takes the lock of {@code root} for run {@code runId}; a held lock is a usage error naming its holder. */
  public static PipelineLock acquire(Storage storage, Path root, String runId) {
    Path file = new Path(root, "_lock");
    FileSystem fs = storage.fileSystem(file);
    try {
      fs.mkdirs(root);
      try (OutputStream out = fs.create(file, false)) {
        out.write(("run=" + runId + "\nprocess=" + ManagementFactory.getRuntimeMXBean().getName() + "\nsince="
            + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return new PipelineLock(storage, file);
    } catch (FileAlreadyExistsException e) {
      throw held(storage, file);
    } catch (IOException e) {
      if (storage.exists(file)) {
        throw held(storage, file);
      }
      throw new UsageException("Cannot lock pipeline target " + root + ": " + e.getMessage());
    }
  }

  private static UsageException held(Storage storage, Path file) {
    String holder = storage.readText(file).replace('\n', ' ').trim();
    return new UsageException("Cannot run the pipeline: another run holds " + file + " (" + holder
        + "); wait for it, or delete the lock file if that run is dead");
  }

  @Override
  public void close() {
    storage.deleteIfExists(file);
  }
}
