package io.synthforge.api;

/**
 * A mistake of the person running the job (bad option, missing input, malformed config): the CLI shows the
 * message as one line and exits 2, without a stack trace.
 */
public class UsageException extends SynthforgeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
