package io.synthforge.publish;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** The file format of a published table. */
public enum OutputFormat {
  /** Parquet, zstd-compressed; the default. */
  PARQUET,
  /** CSV with a header line holding the column names in schema order. */
  CSV;

  /** The format named {@code text} (case-insensitive). */
  public static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new UsageException("Cannot write format '" + text + "': expected parquet or csv");
  }

  /** The format of an output named {@code uri}: csv for {@code .csv}, else parquet. */
  public static OutputFormat fromName(String uri) {
    return uri.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : PARQUET;
  }

  /** The Spark data source name. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
