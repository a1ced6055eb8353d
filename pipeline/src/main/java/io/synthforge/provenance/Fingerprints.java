package io.synthforge.provenance;

import io.synthforge.schema.InputFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fingerprints of a job's inputs and configuration. Files are identified by URI, size, modification time and
 * the file system's checksum where it has one (HDFS): cheap on terabytes, and it changes whenever a file is
 * rewritten.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** SHA-256 (hex) over the files and the options (order-independent for options). */
  public static String of(List<InputFile> files, Map<String, String> options) {
    MessageDigest digest = sha256();
    for (InputFile file : files) {
      update(digest, file.getUri());
      update(digest, Long.toString(file.getSizeBytes()));
      update(digest, Long.toString(file.getModifiedMillis()));
      update(digest, file.getChecksum() == null ? "-" : file.getChecksum());
    }
    for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
      update(digest, option.getKey());
      update(digest, option.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 (hex) of a text. */
  public static String ofText(String text) {
    MessageDigest digest = sha256();
    update(digest, text);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
