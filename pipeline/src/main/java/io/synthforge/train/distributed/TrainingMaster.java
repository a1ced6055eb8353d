package io.synthforge.train.distributed;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.RelationRecords;
import io.synthforge.io.JavaSerialized;
import io.synthforge.io.Storage;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.provenance.Platform;
import io.synthforge.provenance.Seeds;
import io.synthforge.schema.ModelManifest;
import io.synthforge.schema.TrainingRound;
import io.synthforge.train.CheckpointStore;
import io.synthforge.train.ModelBundle;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingPlan;
import io.synthforge.train.TrainingProgress;
import io.synthforge.train.TrainingResult;
import io.synthforge.train.TrainingConstraints;
import io.synthforge.train.TrainingSource;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of parameter-averaging training. Each round it broadcasts a {@link RoundSnapshot} (family,
 * hyperparameters, transformer, the full model state and the round's seed), every worker runs its local steps
 * on its share of the rows ({@link TrainingWorker}), and the results are combined with {@code treeAggregate}
 * into the example-weighted mean of parameters and updater state ({@link StateAverager}). Snapshots travel as
 * {@link JavaSerialized} bytes, so that they reach executors intact whatever {@code spark.serializer} is.
 */
public final class TrainingMaster {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingMaster.class);
  public static final long ROUND_STREAM = Seeds.salt("train.round");
  public static final long INIT_STREAM = Seeds.salt("train.init");
  /** Debug setting: make worker 0 fail its first attempt of this round, to drill Spark's task retry. */
  public static final String INJECT_FAILURE = "spark.synthforge.inject-worker-failure";

  private final SparkSession spark;
  private final Storage storage;

  public TrainingMaster(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** Trains a model as {@code options} say and writes its bundle; {@code listener} hears every round. */
  public TrainingResult train(TrainingOptions options, TrainingListener listener) {
    long started = System.currentTimeMillis();
    TrainingSource source = TrainingSource.open(storage, options.dataset());
    ModelFamily family = ModelFamilies.named(options.family());
    ModelSpec spec = family.spec(options.hyperparameters());
    family.checkBatch(spec, options.batchPerWorker());
    Path out = storage.qualify(options.out());
    CheckpointStore checkpoints = new CheckpointStore(storage, out, 2);
    String fingerprint = io.synthforge.provenance.Fingerprints.of(List.of(), fingerprintInputs(options, spec, source));
    // Before anything is written: a constraint the real rows break is a usage error.
    ConstraintSet constraints = TrainingConstraints.resolve(spark, source, options);

    Optional<CheckpointStore.Checkpoint> resumeFrom = prepareOutput(options, out, checkpoints, fingerprint);
    String runId = resumeFrom.map(c -> c.progress().runId()).orElse(
        "train-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-" + UUID.randomUUID().toString().substring(0, 8));

    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Columns the constraints compute for every row leave the model's layout: it never generates them.
    TableTransformer full = source.transformer();
    TableTransformer transformer = full.without(constraints.derivedColumns());
    String transformerJson = transformer == full ? source.transformerJson() : TransformerCodec.toJson(transformer);
    int[] spans = transformer == full ? null : keptSpans(full, constraints.derivedColumns());
    JavaRDD<float[]> shards = source.shards(spark, options.workers(), spans).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long initSeed = Seeds.derive(options.seed(), INIT_STREAM, 0);
      int threads = threadsPerWorker(options.workers());
      int inject = Integer.parseInt(spark.sparkContext().getConf().get(INJECT_FAILURE, "0"));
      SnapshotFactory snapshots = new SnapshotFactory(runId, options, spec, transformerJson, initSeed, threads, inject);

      long[] sizes = shardSizes(context, shards, snapshots.at(0, 0L, null));
      TrainingPlan plan = TrainingPlan.of(options, sizes[0]);
      LOG.info("Training {} on {} rows ({} held out for validation) with {} workers x {} rows x {} local steps per round: "
              + "{} rounds for {} epochs; {} native threads per worker; run {}",
          options.family(), sizes[0], sizes[1], options.workers(), options.batchPerWorker(), options.averagingFrequency(),
          plan.rounds(), options.epochs(), threads, runId);

      ModelState state;
      ModelState best;
      int round;
      Double bestLoss;
      int bestRound;
      int checksWithoutImprovement;
      long elapsedBefore;
      List<Map<String, Object>> log;
      if (resumeFrom.isPresent()) {
        TrainingProgress progress = resumeFrom.get().progress();
        state = resumeFrom.get().state();
        best = resumeFrom.get().best();
        round = progress.round();
        bestLoss = progress.bestValidationLoss();
        bestRound = progress.bestRound();
        checksWithoutImprovement = progress.checksWithoutImprovement();
        elapsedBefore = progress.elapsedMillis();
        log = new ArrayList<>(progress.log());
        LOG.info("Resuming run {} from the checkpoint of round {} of {}", runId, round, plan.rounds());
      } else {
        GenerativeModel initial = family.create(spec, transformer, initSeed);
        state = initial.state();
        best = state;
        round = 0;
        bestLoss = null;
        bestRound = 0;
        checksWithoutImprovement = 0;
        elapsedBefore = 0;
        log = new ArrayList<>();
      }
      int resumedFrom = round;
      String stopReason = "completed";
      long attemptStarted = System.currentTimeMillis();
      Map<String, Double> lastLosses = Map.of();
      while (round < plan.rounds()) {
        round++;
        long roundStarted = System.nanoTime();
        RoundSnapshot snapshot = snapshots.at(round, Seeds.derive(options.seed(), ROUND_STREAM, round), state);
        Broadcast<JavaSerialized<RoundSnapshot>> shipped = context.broadcast(JavaSerialized.of(snapshot));
        StateAverager sum = shards
            .mapPartitionsWithIndex((worker, rows) -> TrainingWorker.round(worker, rows, shipped.value().get()), false)
            .treeAggregate(new StateAverager(options.batchPerWorker()), StateAverager::add, StateAverager::merge, 2);
        shipped.destroy();
        state = sum.average();
        lastLosses = sum.meanLosses();

        Double validation = null;
        boolean stop = false;
        if (options.validationShare() > 0 && plan.validatesAfter(round)) {
          validation = validationLoss(context, shards, snapshots.at(round, Seeds.derive(options.seed(), ROUND_STREAM, round), state));
          if (bestLoss == null || validation < bestLoss) {
            bestLoss = validation;
            bestRound = round;
            best = state;
            checksWithoutImprovement = 0;
          } else {
            checksWithoutImprovement++;
            stop = options.patience() > 0 && checksWithoutImprovement >= options.patience();
          }
        } else if (options.validationShare() == 0) {
          best = state;
        }
        long wallMillis = (System.nanoTime() - roundStarted) / 1_000_000L;
        TrainingRound entry = TrainingRound.newBuilder()
            .setRound(round)
            .setEpoch(plan.epochsAfter(round))
            .setExamples(sum.examples())
            .setExamplesPerSecond(sum.examples() / Math.max(1e-3, wallMillis / 1000.0))
            .setWallMs(wallMillis)
            .setLosses(lastLosses)
            .setValidationLoss(validation)
            .build();
        log.add(logEntry(entry));
        LOG.info(progressLine(entry, plan));
        long elapsed = elapsedBefore + System.currentTimeMillis() - attemptStarted;
        if (stop) {
          stopReason = "early-stopped";
          LOG.info("Stopping early after round {}: no validation improvement for {} checks (best {} at round {})",
              round, checksWithoutImprovement, bestLoss, bestRound);
        }
        if (round % options.checkpointEvery() == 0 || round == plan.rounds() || stop) {
          checkpoints.save(state, best, new TrainingProgress(runId, fingerprint, round, bestLoss, bestRound,
              checksWithoutImprovement, started, elapsed, log));
        }
        listener.roundFinished(entry);
        if (stop) {
          break;
        }
      }
      // With early stopping the bundle keeps the best validated state, not the last one.
      ModelState trained = options.patience() > 0 && bestLoss != null ? best : state;
      long wall = elapsedBefore + System.currentTimeMillis() - attemptStarted;
      ModelManifest manifest = ModelManifest.newBuilder()
          .setFormatVersion(ModelBundle.FORMAT_VERSION)
          .setRunId(runId)
          .setFamily(family.name())
          .setSpec(spec.values())
          .setTraining(options.describe())
          .setDatasetUri(source.root().toString())
          .setDatasetFingerprint(source.fingerprint())
          .setTableName(source.table().name())
          .setSeed(options.seed())
          .setTrainingRows(sizes[0])
          .setValidationRows(sizes[1])
          .setRounds(round)
          .setSteps(trained.steps())
          .setExamplesSeen(round * plan.examplesPerRound())
          .setEpochsCompleted(plan.epochsAfter(round))
          .setStopReason(stopReason)
          .setBestValidationLoss(bestLoss)
          .setFinalLosses(lastLosses)
          .setWallTimeMs(wall)
          .setCreatedAt(Instant.now().toString())
          .setVersions(Platform.versions())
          .setPlatform(Platform.describe(spark.sparkContext().master()))
          .setConstraints(RelationRecords.of(constraints))
          .setDerivedColumns(new ArrayList<>(constraints.derivedColumns()))
          .build();
      ModelBundle.write(storage, out, manifest, source.table(), transformerJson, trained, log, constraints);
      return new TrainingResult(trained, manifest, out.toString(), resumedFrom);
    } finally {
      shards.unpersist(false);
    }
  }

  /** The positions, in {@code full}'s layout, of the spans of every column but {@code derived}. */
  private static int[] keptSpans(TableTransformer full, java.util.Set<String> derived) {
    List<Integer> kept = new ArrayList<>();
    List<io.synthforge.transform.Span> spans = full.layout().spans();
    for (int s = 0; s < spans.size(); s++) {
      if (!derived.contains(spans.get(s).column())) {
        kept.add(s);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private Map<String, String> fingerprintInputs(TrainingOptions options, ModelSpec spec, TrainingSource source) {
    Map<String, String> inputs = new LinkedHashMap<>(options.describe());
    inputs.put("dataset.fingerprint", source.fingerprint());
    for (Map.Entry<String, String> value : spec.values().entrySet()) {
      inputs.put("spec." + value.getKey(), value.getValue());
    }
    return inputs;
  }

  /** Checks the output directory against --resume/--overwrite; returns the checkpoint to resume from, if any. */
  private Optional<CheckpointStore.Checkpoint> prepareOutput(TrainingOptions options, Path out, CheckpointStore checkpoints,
      String fingerprint) {
    boolean occupied = storage.exists(out) && (storage.exists(new Path(out, "manifest.json"))
        || storage.exists(new Path(out, "checkpoints")));
    if (options.resume()) {
      Optional<CheckpointStore.Checkpoint> latest = checkpoints.latest();
      if (latest.isEmpty()) {
        if (occupied && storage.exists(new Path(out, "manifest.json"))) {
          throw new UsageException("Cannot resume training in " + out + ": it holds a finished model without checkpoints");
        }
        LOG.warn("No complete checkpoint in {}: starting from the beginning", out);
        return Optional.empty();
      }
      if (!latest.get().progress().optionsFingerprint().equals(fingerprint)) {
        throw new UsageException("Cannot resume training in " + out
            + ": its checkpoints were made with other options or data (use the same options, or --overwrite to start over)");
      }
      return latest;
    }
    if (occupied) {
      if (!options.overwrite()) {
        throw new UsageException("Cannot train into " + out
            + ": it already holds a model (pass --resume to continue it or --overwrite to replace it)");
      }
      storage.deleteIfExists(out);
    }
    return Optional.empty();
  }

  private int threadsPerWorker(int workers) {
    String master = spark.sparkContext().master();
    if (master.startsWith("local")) {
      return Math.max(1, spark.sparkContext().defaultParallelism() / workers);
    }
    return Integer.parseInt(spark.sparkContext().getConf().get("spark.task.cpus", "1"));
  }

  private static long[] shardSizes(JavaSparkContext context, JavaRDD<float[]> shards, RoundSnapshot snapshot) {
    Broadcast<JavaSerialized<RoundSnapshot>> shipped = context.broadcast(JavaSerialized.of(snapshot));
    List<long[]> sizes = shards.mapPartitionsWithIndex((worker, rows) -> TrainingWorker.size(worker, rows, shipped.value().get()), false)
        .collect();
    shipped.destroy();
    long train = 0;
    long validation = 0;
    for (long[] size : sizes) {
      if (size[0] == 0) {
        throw new JobFailedException("Cannot train: a worker received no rows (use fewer --workers than rows)");
      }
      train += size[0];
      validation += size[1];
    }
    return new long[] {train, validation};
  }

  private static double validationLoss(JavaSparkContext context, JavaRDD<float[]> shards, RoundSnapshot snapshot) {
    Broadcast<JavaSerialized<RoundSnapshot>> shipped = context.broadcast(JavaSerialized.of(snapshot));
    List<double[]> parts = shards.mapPartitionsWithIndex((worker, rows) -> TrainingWorker.validate(worker, rows, shipped.value().get()),
        false)
        .collect();
    shipped.destroy();
    double sum = 0;
    double rows = 0;
    for (double[] part : parts) {
      sum += part[0];
      rows += part[1];
    }
    return rows == 0 ? Double.NaN : sum / rows;
  }

  private static Map<String, Object> logEntry(TrainingRound entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("round", entry.getRound());
    map.put("epoch", entry.getEpoch());
    map.put("examples", entry.getExamples());
    map.put("examples_per_second", entry.getExamplesPerSecond());
    map.put("wall_ms", entry.getWallMs());
    map.put("losses", new LinkedHashMap<>(entry.getLosses()));
    map.put("validation_loss", entry.getValidationLoss());
    return map;
  }

  private static String progressLine(TrainingRound entry, TrainingPlan plan) {
    StringBuilder losses = new StringBuilder();
    for (Map.Entry<String, Double> loss : entry.getLosses().entrySet()) {
      losses.append(String.format(Locale.ROOT, " %s=%.4f", loss.getKey(), loss.getValue()));
    }
    String validation = entry.getValidationLoss() == null ? "" : String.format(Locale.ROOT, " validation=%.4f", entry.getValidationLoss());
    return String.format(Locale.ROOT, "round %d/%d (epoch %.2f):%s%s | %,.0f examples/s | %.2f s", entry.getRound(), plan.rounds(),
        entry.getEpoch(), losses, validation, entry.getExamplesPerSecond(), entry.getWallMs() / 1000.0);
  }

  /** Builds the snapshots of a run, which differ only in round, seed and state. */
  private static final class SnapshotFactory {
    private final String runId;
    private final TrainingOptions options;
    private final ModelSpec spec;
    private final String transformerJson;
    private final long initSeed;
    private final int threads;
    private final int inject;

    SnapshotFactory(String runId, TrainingOptions options, ModelSpec spec, String transformerJson, long initSeed, int threads,
        int inject) {
      this.runId = runId;
      this.options = options;
      this.spec = spec;
      this.transformerJson = transformerJson;
      this.initSeed = initSeed;
      this.threads = threads;
      this.inject = inject;
    }

    RoundSnapshot at(int round, long roundSeed, ModelState state) {
      return new RoundSnapshot(runId, spec.family(), spec.values(), transformerJson, initSeed, options.validationShare(),
          options.oversampleBelow(), state,
          round, roundSeed, options.batchPerWorker(), options.averagingFrequency(), threads, inject);
    }
  }
}
