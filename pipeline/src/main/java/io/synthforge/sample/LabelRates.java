package io.synthforge.sample;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** Where the label's rate of an unconditioned sample comes from. */
public enum LabelRates {
  /** The training rates, exactly: rows are conditioned per label value (see {@link SamplePlan#atLabelRates}). */
  REAL,
  /** Whatever the generator produces. */
  MODEL;

  /** The option's text: {@code real} or {@code model}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code real} or {@code model}; anything else is a usage error. */
  public static LabelRates parse(String text) {
    for (LabelRates value : values()) {
      if (value.key().equals(text)) {
        return value;
      }
    }
    throw new UsageException("Cannot use label rates '" + text + "': expected real or model");
  }
}
