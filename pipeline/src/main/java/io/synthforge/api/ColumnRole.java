package io.synthforge.api;

import java.util.Locale;

/** What a column means to the synthesiser; carried in the Avro schema as the field property {@code role}. */
public enum ColumnRole {
  /** A number learned through mode-specific normalisation. */
  CONTINUOUS,
  /** A discrete value learned as a one-hot span. */
  CATEGORICAL,
  /** A date or timestamp, learned as a continuous epoch value. */
  DATETIME,
  /** An identifier or personal datum: never learned from, regenerated as a fake value of the same format. */
  IDENTIFIER,
  /** A discrete prediction target (e.g. a fraud flag); learned like a categorical column. */
  LABEL;

  /** The role named by {@code text} (case-insensitive); {@code pii} is an alias of identifier. */
  public static ColumnRole parse(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT);
    if (normalised.equals("PII")) {
      return IDENTIFIER;
    }
    for (ColumnRole role : values()) {
      if (role.name().equals(normalised)) {
        return role;
      }
    }
    throw new InvalidSchemaException(
        "Cannot read column role '" + text + "': expected one of continuous, categorical, datetime, identifier, pii, label");
  }

  /** Whether the generator learns this column as a one-hot span. */
  public boolean isDiscrete() {
    return this == CATEGORICAL || this == LABEL;
  }

  /** The lower-case name written to schemas. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
