package io.synthforge.api;

/** A table schema that cannot be read or used (malformed Avro, unknown role, unsupported type). */
public class InvalidSchemaException extends UsageException {
  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String message) {
    super(message);
  }

  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
