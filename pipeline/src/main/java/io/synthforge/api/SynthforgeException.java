package io.synthforge.api;

/** Base of synthforge's own failures; the message always reads {@code Cannot <do what> <to what>: <why>}. */
public class SynthforgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SynthforgeException(String message) {
    super(message);
  }

  public SynthforgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
