package io.synthforge.ingest.corpus;

import io.synthforge.ingest.QuarantineReason;

/**
 * One item a decoder read from a corpus file: a record's values (in the order of its Avro record's fields), or the
 * reason it could not be decoded, with where it sits in the file either way.
 */
public final class CorpusItem {
  private final long item;
  private final long offset;
  private final Long line;
  private final Object[] values;
  private final String raw;
  private final QuarantineReason reason;
  private final String message;

  private CorpusItem(long item, long offset, Long line, Object[] values, String raw, QuarantineReason reason,
      String message) {
    this.item = item;
    this.offset = offset;
    this.line = line;
    this.values = values;
    this.raw = raw;
    this.reason = reason;
    this.message = message;
  }

  /** A decoded record. */
  public static CorpusItem accepted(long item, long offset, Long line, Object[] values) {
    return new CorpusItem(item, offset, line, values, null, null, null);
  }

  /** An item that cannot be decoded; {@code raw} shows what was read (text, or a hex prefix of the bytes). */
  public static CorpusItem quarantined(long item, long offset, Long line, String raw, QuarantineReason reason,
      String message) {
    return new CorpusItem(item, offset, line, null, raw, reason, message);
  }

  /** The item's index within its file. */
  public long item() {
    return item;
  }

  /** The byte offset of the item in its file. */
  public long offset() {
    return offset;
  }

  /** The 1-based line of a text item, or null. */
  public Long line() {
    return line;
  }

  public boolean isAccepted() {
    return values != null;
  }

  /** The record's values, or null when quarantined. */
  public Object[] values() {
    return values;
  }

  public String raw() {
    return raw;
  }

  public QuarantineReason reason() {
    return reason;
  }

  public String message() {
    return message;
  }

  /** Up to {@code limit} leading bytes as hex, the raw text of a binary item that cannot be decoded. */
  static String hexPrefix(byte[] bytes, int limit) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(limit, bytes.length); i++) {
      text.append(String.format("%02x", bytes[i] & 0xff));
    }
    if (bytes.length > limit) {
      text.append("... (").append(bytes.length).append(" bytes)");
    }
    return text.toString();
  }
}
