package io.synthforge.train.distributed;

import io.synthforge.api.JobFailedException;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.NativeThreads;
import io.synthforge.provenance.Seeds;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;

/**
 * The executor side of a round: takes the broadcast {@link RoundSnapshot}, runs its local steps on its share of
 * the rows and returns a {@link WorkerResult}.
 *
 * <p>A worker's networks and its rows are built once per executor JVM and training run and reused across
 * rounds (building them each round would cost more than the steps). They are a cache, not state: everything
 * that matters arrives in the snapshot, so a retried task or a new executor computes the same result.
 */
public final class TrainingWorker {
  /** Seed streams shared with {@link io.synthforge.train.LocalTrainer}, which must reproduce one worker exactly. */
  public static final long WORKER_STREAM = Seeds.salt("train.worker");
  public static final long SPLIT_STREAM = Seeds.salt("train.validation-split");
  static final long VALIDATION_STREAM = Seeds.salt("train.validation");

  private static final Map<String, Shard> SHARDS = new ConcurrentHashMap<>();
  private static final Map<String, GenerativeModel> MODELS = new ConcurrentHashMap<>();

  private TrainingWorker() {}

  /** One worker's round: load the snapshot's state, take {@code steps} local steps, return the new state. */
  public static Iterator<WorkerResult> round(int worker, Iterator<float[]> rows, RoundSnapshot snapshot) {
    if (snapshot.failFirstAttemptOfRound() == snapshot.round() && worker == 0) {
      TaskContext task = TaskContext.get();
      if (task != null && task.attemptNumber() == 0) {
        throw new JobFailedException("Cannot finish round " + snapshot.round() + " on worker 0: injected failure (recovery drill)");
      }
    }
    NativeThreads.limit(snapshot.threadsPerWorker());
    Shard shard = shard(worker, rows, snapshot);
    GenerativeModel model = model(worker, snapshot, shard.transformer);
    model.load(snapshot.state());
    SplittableRandom random = new SplittableRandom(Seeds.derive(snapshot.roundSeed(), WORKER_STREAM, worker));
    Map<String, Double> lossSums = new TreeMap<>();
    long started = System.nanoTime();
    for (int step = 0; step < snapshot.steps(); step++) {
      Map<String, Double> losses = model.step(shard.train, snapshot.batchPerWorker(), random);
      for (Map.Entry<String, Double> loss : losses.entrySet()) {
        lossSums.merge(loss.getKey(), loss.getValue(), Double::sum);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000L;
    Map<String, Double> means = new TreeMap<>();
    for (Map.Entry<String, Double> loss : lossSums.entrySet()) {
      means.put(loss.getKey(), loss.getValue() / snapshot.steps());
    }
    long examples = (long) snapshot.steps() * snapshot.batchPerWorker();
    return List.of(new WorkerResult(worker, model.state(), examples, means, millis)).iterator();
  }

  /** The validation loss of the snapshot's state on this worker's held-out rows: {loss × rows, rows}. */
  public static Iterator<double[]> validate(int worker, Iterator<float[]> rows, RoundSnapshot snapshot) {
    Shard shard = shard(worker, rows, snapshot);
    if (shard.validation.rows() == 0) {
      return List.<double[]>of().iterator();
    }
    NativeThreads.limit(snapshot.threadsPerWorker());
    GenerativeModel model = model(worker, snapshot, shard.transformer);
    model.load(snapshot.state());
    SplittableRandom random = new SplittableRandom(Seeds.derive(snapshot.roundSeed(), VALIDATION_STREAM, worker));
    double loss = model.validationLoss(shard.validation, random);
    return List.of(new double[] {loss * shard.validation.rows(), shard.validation.rows()}).iterator();
  }

  /** The number of training and validation rows this worker holds: {train, validation}. */
  public static Iterator<long[]> size(int worker, Iterator<float[]> rows, RoundSnapshot snapshot) {
    Shard shard = shard(worker, rows, snapshot);
    return List.of(new long[] {shard.train.rows(), shard.validation.rows()}).iterator();
  }

  /** Drops everything cached for runs other than {@code runId} (called as a new run starts). */
  static void forgetOtherRuns(String runId) {
    SHARDS.keySet().removeIf(key -> !key.startsWith(runId + "/"));
    MODELS.keySet().removeIf(key -> !key.startsWith(runId + "/"));
  }

  private static Shard shard(int worker, Iterator<float[]> rows, RoundSnapshot snapshot) {
    String key = snapshot.runId() + "/" + worker;
    Shard cached = SHARDS.get(key);
    if (cached != null) {
      return cached;
    }
    forgetOtherRuns(snapshot.runId());
    TableTransformer transformer = TransformerCodec.fromJson(snapshot.transformerJson());
    List<float[]> list = new ArrayList<>();
    rows.forEachRemaining(list::add);
    TrainingData all = TrainingData.of(transformer.layout(), list);
    List<TrainingData> parts = all.split(snapshot.validationShare(),
        Seeds.derive(snapshot.initSeed(), SPLIT_STREAM, worker));
    TrainingData train = parts.get(0);
    OptionalInt label = transformer.labelSpan();
    if (snapshot.oversampleBelow() > 0 && label.isPresent()) {
      train = train.oversampled(label.getAsInt(), snapshot.oversampleBelow());
    }
    Shard shard = new Shard(transformer, train, parts.get(1));
    SHARDS.put(key, shard);
    return shard;
  }

  private static GenerativeModel model(int worker, RoundSnapshot snapshot, TableTransformer transformer) {
    String key = snapshot.runId() + "/" + worker;
    return MODELS.computeIfAbsent(key, ignored -> {
      ModelFamily family = ModelFamilies.named(snapshot.family());
      return family.create(family.spec(snapshot.spec()), transformer, snapshot.initSeed());
    });
  }

  /** A worker's rows, split once into training and validation parts. */
  private static final class Shard {
    final TableTransformer transformer;
    final TrainingData train;
    final TrainingData validation;

    Shard(TableTransformer transformer, TrainingData train, TrainingData validation) {
      this.transformer = transformer;
      this.train = train;
      this.validation = validation;
    }
  }
}
