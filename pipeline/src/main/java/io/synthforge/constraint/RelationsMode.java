package io.synthforge.constraint;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** What ingest does with relations found in the data ({@code --relations}). */
public enum RelationsMode {
  /** Do not look for relations. */
  OFF,
  /** Find them and record them with their support for review; enforce none. */
  SUGGEST,
  /** Find them, record them, and enforce those whose support reaches the enforcement threshold. */
  ENFORCE;

  /** {@code off}, {@code suggest} or {@code enforce}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode {@code text} names; anything else is a usage error. */
  public static RelationsMode parse(String text) {
    for (RelationsMode mode : values()) {
      if (mode.key().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new UsageException("Cannot use --relations " + text + ": use off, suggest or enforce");
  }
}
