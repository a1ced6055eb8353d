package io.synthforge.api;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One column of a table: name, physical type, role and the declared domain. Immutable. */
public final class ColumnSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final ColumnType type;
  private final ColumnRole role;
  private final boolean nullable;
  private final List<String> domain;
  private final Double min;
  private final Double max;
  private final String format;

  private ColumnSpec(Builder builder) {
    this.name = builder.name;
    this.type = builder.type;
    this.role = builder.role;
    this.nullable = builder.nullable;
    this.domain = builder.domain == null ? null : List.copyOf(builder.domain);
    this.min = builder.min;
    this.max = builder.max;
    this.format = builder.format;
  }

  public static Builder builder(String name, ColumnType type, ColumnRole role) {
    return new Builder(name, type, role);
  }

  /** A builder that starts as a copy of this column. */
  public Builder toBuilder() {
    Builder builder = new Builder(name, type, role).nullable(nullable).min(min).max(max).format(format);
    builder.domain = domain;
    return builder;
  }

  public String name() {
    return name;
  }

  public ColumnType type() {
    return type;
  }

  public ColumnRole role() {
    return role;
  }

  /** Whether a value may be missing; a missing value in a non-nullable column is a malformed row. */
  public boolean nullable() {
    return nullable;
  }

  /** The allowed values of a discrete column, when declared; values outside it are malformed rows. */
  public Optional<List<String>> domain() {
    return Optional.ofNullable(domain);
  }

  /** The declared lower bound of a numeric column, when declared. */
  public Optional<Double> min() {
    return Optional.ofNullable(min);
  }

  /** The declared upper bound of a numeric column, when declared. */
  public Optional<Double> max() {
    return Optional.ofNullable(max);
  }

  /** The shape of an identifier (e.g. {@code C#########}) used to fake new values, when declared. */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ColumnSpec)) {
      return false;
    }
    ColumnSpec that = (ColumnSpec) other;
    return name.equals(that.name)
        && type == that.type
        && role == that.role
        && nullable == that.nullable
        && Objects.equals(domain, that.domain)
        && Objects.equals(min, that.min)
        && Objects.equals(max, that.max)
        && Objects.equals(format, that.format);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, role, nullable, domain, min, max, format);
  }

  @Override
  public String toString() {
    return name + ":" + type.name().toLowerCase(java.util.Locale.ROOT) + "(" + role.key() + (nullable ? ", nullable" : "") + ")";
  }

  /** Builds a {@link ColumnSpec}, checking that the role fits the type. */
  public static final class Builder {
    private final String name;
    private final ColumnType type;
    private final ColumnRole role;
    private boolean nullable;
    private List<String> domain;
    private Double min;
    private Double max;
    private String format;

    private Builder(String name, ColumnType type, ColumnRole role) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
      this.role = Objects.requireNonNull(role, "role");
    }

    public Builder nullable(boolean value) {
      this.nullable = value;
      return this;
    }

    public Builder domain(List<String> values) {
      this.domain = values;
      return this;
    }

    public Builder min(Double value) {
      this.min = value;
      return this;
    }

    public Builder max(Double value) {
      this.max = value;
      return this;
    }

    public Builder format(String value) {
      this.format = value;
      return this;
    }

    public ColumnSpec build() {
      if (name.isBlank()) {
        throw new InvalidSchemaException("Cannot define a column without a name");
      }
      if (role == ColumnRole.CONTINUOUS && !type.isNumeric()) {
        throw new InvalidSchemaException(
            "Cannot use column '" + name + "' as continuous: its type " + type + " is not numeric");
      }
      if (role == ColumnRole.DATETIME && !type.isTemporal()) {
        throw new InvalidSchemaException(
            "Cannot use column '" + name + "' as datetime: its type " + type + " is not a date or timestamp");
      }
      if (min != null && max != null && min > max) {
        throw new InvalidSchemaException("Cannot use column '" + name + "': min " + min + " is above max " + max);
      }
      return new ColumnSpec(this);
    }
  }
}
