package io.synthforge.sample;

/**
 * What a sampling task tells the driver about its rows. The job backs it with Spark accumulators; a benchmark or a
 * test can count locally. Spark-free.
 */
interface SampleCounters {
  /** {@code rows} more rows were written. */
  void generated(long rows);

  /** Row {@code row} of chunk {@code chunk} breaks the schema ({@code violation} says how) and was dropped. */
  void invalid(int chunk, long row, String violation);

  /** {@code rows} conditioned rows missed their category after every redraw and had it set. */
  void forced(long rows);

  /** A draw was rejected for {@code reason} and drawn again. */
  void rejected(String reason);

  /** A written row still breaks {@code reason} after every redraw. */
  void unresolved(String reason);

  /** Counters that count nothing. */
  static SampleCounters none() {
    return new SampleCounters() {
      @Override
      public void generated(long rows) {}

      @Override
      public void invalid(int chunk, long row, String violation) {}

      @Override
      public void forced(long rows) {}

      @Override
      public void rejected(String reason) {}

      @Override
      public void unresolved(String reason) {}
    };
  }
}
