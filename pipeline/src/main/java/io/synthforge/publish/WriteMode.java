package io.synthforge.publish;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** What publishing does when the output or the table already exists. */
public enum WriteMode {
  /** Refuse (the default): an existing output or table is a usage error. */
  ERROR,
  /** Replace the output and re-point the table at it. */
  OVERWRITE,
  /** Add this run's files as one new directory next to the earlier runs'. */
  APPEND;

  /** The mode named {@code text} (case-insensitive). */
  public static WriteMode parse(String text) {
    for (WriteMode mode : values()) {
      if (mode.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new UsageException("Cannot use mode '" + text + "': expected error, overwrite or append");
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
