package io.synthforge.ingest.corpus;

import java.io.Serializable;

/**
 * One file of a corpus to decode in a task: its URI, an optional companion file read with it (an IDX image
 * file's labels) and the label its place in the input gives it (its directory's name), or null.
 */
public final class CorpusInput implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final String companion;
  private final String label;
  private final String relativePath;

  public CorpusInput(String uri, String companion, String label) {
    this(uri, companion, label, null);
  }

  /** An input whose path below the input root is {@code relativePath} (null: its file name). */
  public CorpusInput(String uri, String companion, String label, String relativePath) {
    this.uri = uri;
    this.companion = companion;
    this.label = label;
    this.relativePath = relativePath;
  }

  public String uri() {
    return uri;
  }

  /** The companion file's URI, or null. */
  public String companion() {
    return companion;
  }

  /** The label from the input's directory structure, or null. */
  public String label() {
    return label;
  }

  /**
   * The file's path below the input root: what the holdout split hashes, so that {@code cat/1.png} and
   * {@code dog/1.png} are split independently, and the same corpus splits the same wherever it is stored.
   */
  public String relativePath() {
    return relativePath == null ? fileName() : relativePath;
  }

  /** The file name, the last segment of the URI. */
  public String fileName() {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }
}
