package io.synthforge.transform;

/** A saved transformer that cannot be read: malformed JSON or a format version this build does not know. */
public class TransformerFormatException extends TransformException {
  private static final long serialVersionUID = 1L;

  public TransformerFormatException(String message) {
    super(message);
  }

  public TransformerFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
