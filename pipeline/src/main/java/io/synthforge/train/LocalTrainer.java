package io.synthforge.train;

import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.provenance.Seeds;
import io.synthforge.train.distributed.RowHashPartitioner;
import io.synthforge.train.distributed.TrainingMaster;
import io.synthforge.train.distributed.TrainingWorker;
import io.synthforge.transform.OutputLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain in-process training, without Spark: the same rows, split and seeds as one distributed worker, run as
 * one uninterrupted loop of steps. The distributed engine with {@code --workers 1} must give exactly these
 * parameters; a test holds it to that.
 */
public final class LocalTrainer {
  private LocalTrainer() {}

  /** Trains {@code model} on {@code rows} (compact form) for {@code rounds × averagingFrequency} steps. */
  public static ModelState train(GenerativeModel model, List<float[]> rows, TrainingOptions options, int rounds, long initSeed) {
    List<float[]> ordered = new ArrayList<>(rows);
    ordered.sort(Comparator.comparingLong(RowHashPartitioner::hash));
    OutputLayout layout = model.layout();
    TrainingData all = TrainingData.of(layout, ordered);
    TrainingData train = all.split(options.validationShare(), Seeds.derive(initSeed, TrainingWorker.SPLIT_STREAM, 0)).get(0);
    for (int round = 1; round <= rounds; round++) {
      long roundSeed = Seeds.derive(options.seed(), TrainingMaster.ROUND_STREAM, round);
      SplittableRandom random = new SplittableRandom(Seeds.derive(roundSeed, TrainingWorker.WORKER_STREAM, 0));
      for (int step = 0; step < options.averagingFrequency(); step++) {
        model.step(train, options.batchPerWorker(), random);
      }
    }
    return model.state();
  }
}
