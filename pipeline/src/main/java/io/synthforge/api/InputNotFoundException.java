package io.synthforge.api;

/** An input URI that names nothing readable. */
public class InputNotFoundException extends UsageException {
  private static final long serialVersionUID = 1L;

  public InputNotFoundException(String message) {
    super(message);
  }
}
