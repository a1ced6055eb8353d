package io.synthforge.sample;

import io.synthforge.model.GenerationCondition;
import java.io.Serializable;
import java.util.Optional;

/** A run of rows generated under one condition (or none). Immutable. */
public final class SampleSegment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final GenerationCondition condition;
  private final String description;
  private final long rows;

  SampleSegment(GenerationCondition condition, String description, long rows) {
    this.condition = condition;
    this.description = description;
    this.rows = rows;
  }

  /** The condition of every row of the segment; empty for unconditioned rows. */
  public Optional<GenerationCondition> condition() {
    return Optional.ofNullable(condition);
  }

  /** The condition as the user would write it ({@code is_fraud=1}), or {@code *} for none. */
  public String description() {
    return description;
  }

  /** The exact number of rows in the segment. */
  public long rows() {
    return rows;
  }

  @Override
  public String toString() {
    return description + " x " + rows;
  }
}
