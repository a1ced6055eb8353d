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

  /**
   * The mode {@code text} names; anything else is a usage error. YAML reads a bare {@code off} as the boolean false
   * (and {@code on} as true), so {@code false} means off and {@code true} enforce.
   */
  public static RelationsMode parse(String text) {
    if (text.trim().equalsIgnoreCase("false")) {
      return OFF;
    }
    if (text.trim().equalsIgnoreCase("true")) {
      return ENFORCE;
    }
    for (RelationsMode mode : values()) {
      if (mode.key().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new UsageException("Cannot use --relations " + text + ": use off, suggest or enforce");
  }
}
