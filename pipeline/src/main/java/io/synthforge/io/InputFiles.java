package io.synthforge.io;

import io.synthforge.schema.InputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Describes input files for manifests and fingerprints: URI, size, modification time, and checksum where offered. */
public final class InputFiles {
  private static final Logger LOG = LoggerFactory.getLogger(InputFiles.class);

  private InputFiles() {}

  /** The provenance records of {@code files}. */
  public static List<InputFile> describe(Storage storage, List<FileStatus> files) {
    List<InputFile> inputs = new ArrayList<>();
    for (FileStatus file : files) {
      String checksum = null;
      try {
        FileChecksum fileChecksum = storage.fileSystem(file.getPath()).getFileChecksum(file.getPath());
        if (fileChecksum != null) {
          checksum = fileChecksum.toString();
        }
      } catch (IOException e) {
        LOG.debug("No checksum for {}: {}", file.getPath(), e.getMessage());
      }
      inputs.add(InputFile.newBuilder().setUri(file.getPath().toString()).setSizeBytes(file.getLen())
          .setModifiedMillis(file.getModificationTime()).setChecksum(checksum).build());
    }
    return inputs;
  }
}
