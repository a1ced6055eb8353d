package io.synthforge.api;

/** A job that ran but could not produce a trustworthy result (too much bad input, a failed stage): exit 1. */
public class JobFailedException extends SynthforgeException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
