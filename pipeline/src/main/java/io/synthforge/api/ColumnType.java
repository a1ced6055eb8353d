package io.synthforge.api;

/** The physical type of a column, a subset of Avro's primitives plus the date/time logical types. */
public enum ColumnType {
  STRING,
  BOOLEAN,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  /** Avro {@code int} with logical type {@code date}: days since the epoch. */
  DATE,
  /** Avro {@code long} with logical type {@code timestamp-millis}. */
  TIMESTAMP;

  /** Whether values are numbers (and so can be learned as a continuous column). */
  public boolean isNumeric() {
    return this == INT || this == LONG || this == FLOAT || this == DOUBLE;
  }

  /** Whether values are whole numbers. */
  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  /** Whether values are points in time. */
  public boolean isTemporal() {
    return this == DATE || this == TIMESTAMP;
  }
}
