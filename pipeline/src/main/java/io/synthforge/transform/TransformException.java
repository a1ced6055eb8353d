package io.synthforge.transform;

import io.synthforge.api.SynthforgeException;

/** A transformer that cannot be fitted, or a value it cannot encode or decode. */
public class TransformException extends SynthforgeException {
  private static final long serialVersionUID = 1L;

  public TransformException(String message) {
    super(message);
  }

  public TransformException(String message, Throwable cause) {
    super(message, cause);
  }
}
