package io.synthforge.ingest;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** The kinds of input {@code ingest} reads. */
public enum SourceFormat {
  CSV(true),
  JSON(true),
  PARQUET(true),
  IDX(false),
  IMAGES(false),
  AUDIO(false),
  TEXT(false);

  private final boolean tabular;

  SourceFormat(boolean tabular) {
    this.tabular = tabular;
  }

  /** Whether the input is a table (as opposed to a corpus of images, sounds or texts). */
  public boolean tabular() {
    return tabular;
  }

  /** The format named {@code text} (case-insensitive). */
  public static SourceFormat parse(String text) {
    for (SourceFormat format : values()) {
      if (format.name().equalsIgnoreCase(text.trim())) {
        return format;
      }
    }
    throw new UsageException("Cannot read format '" + text + "': expected one of csv, json, parquet, idx, images, audio, text");
  }

  /** The format suggested by a file name's extension, defaulting to CSV. */
  public static SourceFormat fromName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return JSON;
    }
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    if (lower.endsWith("-idx3-ubyte") || lower.endsWith("-idx3-ubyte.gz") || lower.endsWith(".idx")) {
      return IDX;
    }
    if (lower.endsWith(".wav")) {
      return AUDIO;
    }
    if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return IMAGES;
    }
    if (lower.endsWith(".txt")) {
      return TEXT;
    }
    return CSV;
  }

  /** The lower-case name used on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
