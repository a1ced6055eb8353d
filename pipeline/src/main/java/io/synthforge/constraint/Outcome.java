package io.synthforge.constraint;

/** What checking one row against a constraint found. */
public enum Outcome {
  /** The row satisfies the constraint. */
  HOLDS,
  /** The row breaks the constraint. */
  VIOLATED,
  /** The constraint says nothing about the row: its condition does not hold, or a value it needs is missing. */
  NOT_APPLICABLE
}
