package io.synthforge.train;

import io.synthforge.schema.TrainingRound;

/** Hears about each finished round (progress display, tests that interrupt a run). */
@FunctionalInterface
public interface TrainingListener {
  /** Called after round {@code round.getRound()} has been averaged (and checkpointed when due). */
  void roundFinished(TrainingRound round);

  /** A listener that does nothing. */
  static TrainingListener none() {
    return round -> { };
  }
}
