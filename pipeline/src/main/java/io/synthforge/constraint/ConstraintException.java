package io.synthforge.constraint;

import io.synthforge.api.UsageException;

/**
 * A constraint that cannot be read, does not fit the table, or cannot be enforced (e.g. two constraints derive
 * each other's columns): a usage mistake, shown as one line naming the constraint and the fix.
 */
public class ConstraintException extends UsageException {
  private static final long serialVersionUID = 1L;

  public ConstraintException(String message) {
    super(message);
  }
}
