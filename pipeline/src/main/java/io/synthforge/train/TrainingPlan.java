package io.synthforge.train;

/**
 * How many rounds a run takes: one round is {@code workers × averagingFrequency} local steps of
 * {@code batchPerWorker} rows; {@code epochs} passes over the training rows need
 * {@code ceil(epochs × rows / (workers × batchPerWorker × averagingFrequency))} rounds.
 */
public final class TrainingPlan {
  private final long trainingRows;
  private final int workers;
  private final int batchPerWorker;
  private final int averagingFrequency;
  private final int rounds;
  private final int validateEvery;

  private TrainingPlan(long trainingRows, int workers, int batchPerWorker, int averagingFrequency, int rounds,
      int validateEvery) {
    this.trainingRows = trainingRows;
    this.workers = workers;
    this.batchPerWorker = batchPerWorker;
    this.averagingFrequency = averagingFrequency;
    this.rounds = rounds;
    this.validateEvery = validateEvery;
  }

  /** The plan for {@code options} over {@code trainingRows} rows. */
  public static TrainingPlan of(TrainingOptions options, long trainingRows) {
    long examplesPerRound = (long) options.workers() * options.batchPerWorker() * options.averagingFrequency();
    int rounds = (int) Math.max(1, Math.ceil(options.epochs() * trainingRows / (double) examplesPerRound));
    int roundsPerEpoch = (int) Math.max(1, Math.round(trainingRows / (double) examplesPerRound));
    int validateEvery = options.validateEvery() > 0 ? options.validateEvery() : roundsPerEpoch;
    return new TrainingPlan(trainingRows, options.workers(), options.batchPerWorker(), options.averagingFrequency(), rounds,
        validateEvery);
  }

  public long trainingRows() {
    return trainingRows;
  }

  public int rounds() {
    return rounds;
  }

  /** Examples processed by all workers in one round. */
  public long examplesPerRound() {
    return (long) workers * batchPerWorker * averagingFrequency;
  }

  /** Epochs completed after {@code round} rounds. */
  public double epochsAfter(int round) {
    return round * (double) examplesPerRound() / trainingRows;
  }

  /** Whether the validation signal is measured after {@code round} (1-based). */
  public boolean validatesAfter(int round) {
    return round % validateEvery == 0 || round == rounds;
  }
}
