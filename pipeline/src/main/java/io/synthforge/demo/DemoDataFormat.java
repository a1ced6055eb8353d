package io.synthforge.demo;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** The file format of the demo transaction log. */
public enum DemoDataFormat {
  /** CSV with a header; money with two decimals, timestamps as ISO-8601 UTC text. */
  CSV,
  /** Parquet with timestamps as timestamps, money as doubles and {@code is_fraud} as an int. */
  PARQUET;

  /** The format named by {@code text} ({@code csv} or {@code parquet}, case-insensitive). */
  public static DemoDataFormat parse(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT);
    for (DemoDataFormat format : values()) {
      if (format.name().equals(normalised)) {
        return format;
      }
    }
    throw new UsageException("Cannot use demo data format '" + text + "': expected csv or parquet");
  }

  /** The lower-case name Spark's writer knows it by. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
