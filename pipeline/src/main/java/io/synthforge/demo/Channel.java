package io.synthforge.demo;

import java.util.Locale;

/** How a simulated transaction was initiated. */
public enum Channel {
  CARD,
  MOBILE,
  WEB;

  private final String key = name().toLowerCase(Locale.ROOT);

  /** The lower-case name written to the log ({@code card}, {@code mobile}, {@code web}). */
  public String key() {
    return key;
  }
}
