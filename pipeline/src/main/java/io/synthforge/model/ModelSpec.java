package io.synthforge.model;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A model family's name and hyperparameters (kebab-case keys, text values). The resolved spec, defaults
 * included, is recorded in the model's provenance; families read typed values with the accessors below.
 */
public final class ModelSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String family;
  private final Map<String, String> values;

  private ModelSpec(String family, Map<String, String> values) {
    this.family = family;
    this.values = Map.copyOf(values);
  }

  /** {@code overrides} on top of {@code defaults}; a key the family does not know is a usage error. */
  public static ModelSpec of(String family, Map<String, String> defaults, Map<String, String> overrides) {
    Set<String> known = defaults.keySet();
    for (String key : overrides.keySet()) {
      if (!known.contains(key)) {
        throw new UsageException("Cannot use hyperparameter '" + key + "' for model " + family + ": known ones are "
            + new TreeMap<>(defaults).keySet());
      }
    }
    Map<String, String> merged = new TreeMap<>(defaults);
    merged.putAll(overrides);
    return new ModelSpec(family, merged);
  }

  public String family() {
    return family;
  }

  /** Throws unless this spec belongs to {@code expected} (a family must not build from another's spec). */
  public ModelSpec requireFamily(String expected) {
    if (!family.equals(expected)) {
      throw new IllegalArgumentException("Cannot create a " + expected + " model from a spec of family " + family);
    }
    return this;
  }

  /** Every hyperparameter, resolved (sorted by key). */
  public Map<String, String> values() {
    return new TreeMap<>(values);
  }

  public String text(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Model " + family + " has no hyperparameter '" + key + "'");
    }
    return value;
  }

  public int intValue(String key) {
    try {
      return Integer.parseInt(text(key).trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Cannot read hyperparameter " + key + "=" + text(key) + " of model " + family + ": not an integer");
    }
  }

  public double doubleValue(String key) {
    try {
      return Double.parseDouble(text(key).trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Cannot read hyperparameter " + key + "=" + text(key) + " of model " + family + ": not a number");
    }
  }

  public boolean booleanValue(String key) {
    String value = text(key).trim().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new UsageException("Cannot read hyperparameter " + key + "=" + text(key) + " of model " + family + ": not true/false");
    }
    return Boolean.parseBoolean(value);
  }

  /** A list of integers written as {@code 256,256}. */
  public int[] intList(String key) {
    String[] parts = text(key).split(",");
    int[] numbers = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        numbers[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new UsageException("Cannot read hyperparameter " + key + "=" + text(key) + " of model " + family
            + ": expected integers separated by commas");
      }
    }
    return numbers;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelSpec && family.equals(((ModelSpec) other).family) && values.equals(((ModelSpec) other).values);
  }

  @Override
  public int hashCode() {
    return family.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return family + new TreeMap<>(values);
  }
}
