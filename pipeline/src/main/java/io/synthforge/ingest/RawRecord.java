package io.synthforge.ingest;

import java.io.Serializable;

/**
 * One record as read from its source, before typing: where it came from, its raw text, and either its text
 * fields or the reason it could not be split into fields.
 */
public final class RawRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final Long line;
  private final String raw;
  private final String[] fields;
  private final QuarantineReason reason;
  private final String message;

  private RawRecord(String file, long offset, Long line, String raw, String[] fields, QuarantineReason reason,
      String message) {
    this.file = file;
    this.offset = offset;
    this.line = line;
    this.raw = raw;
    this.fields = fields;
    this.reason = reason;
    this.message = message;
  }

  /** A record split into fields. */
  public static RawRecord of(String file, long offset, Long line, String raw, String[] fields) {
    return new RawRecord(file, offset, line, raw, fields, null, null);
  }

  /** A record that could not be split into fields. */
  public static RawRecord malformed(String file, long offset, Long line, String raw, QuarantineReason reason,
      String message) {
    return new RawRecord(file, offset, line, raw, null, reason, message);
  }

  /** The source file's URI. */
  public String file() {
    return file;
  }

  /** The byte offset of the record in its file (-1 where the source has no byte offsets, e.g. Parquet). */
  public long offset() {
    return offset;
  }

  /** The 1-based line number, when known (null for records in a split that does not start the file). */
  public Long line() {
    return line;
  }

  /** The record's raw text (invalid bytes shown as U+FFFD). */
  public String raw() {
    return raw;
  }

  /** The text fields, or null when the record is malformed. */
  public String[] fields() {
    return fields;
  }

  public boolean isMalformed() {
    return fields == null;
  }

  public QuarantineReason reason() {
    return reason;
  }

  public String message() {
    return message;
  }
}
