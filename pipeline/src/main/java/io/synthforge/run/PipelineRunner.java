package io.synthforge.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.demo.DemoDataFormat;
import io.synthforge.demo.DemoDataJob;
import io.synthforge.demo.DemoDataRequest;
import io.synthforge.eval.EvaluationJob;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.EvaluationRequest;
import io.synthforge.eval.Gate;
import io.synthforge.eval.QualityCatalog;
import io.synthforge.ingest.CsvOptions;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.ingest.IngestResult;
import io.synthforge.ingest.SourceFormat;
import io.synthforge.io.InputFiles;
import io.synthforge.io.Storage;
import io.synthforge.provenance.Fingerprints;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.WriteMode;
import io.synthforge.sample.CategoryCondition;
import io.synthforge.sample.CategoryRatio;
import io.synthforge.sample.LabelRates;
import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.sample.SampleResult;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingResult;
import io.synthforge.train.distributed.TrainingMaster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline file: [demo-data →] ingest → train → sample → evaluate → publish, as one scheduled job.
 *
 * <p>Idempotent and resumable: each step's fingerprint (its configuration, its inputs and its upstream steps'
 * fingerprints) is recorded under {@code <target>/_steps/}; a rerun skips a step whose record is complete for the
 * current fingerprint, resumes an interrupted training from its checkpoint, and {@code --force STEP} recomputes
 * a step and everything after it. A lock keeps two runs off the same target.
 *
 * <p>No ungated data reaches the table: sample writes a new version directory ({@link SyntheticVersions}) that the
 * catalog table does not point at, evaluate scores that version, and only when every gate passes does publish
 * re-point the table at it, with its provenance and scores, in one catalog operation. A failed gate ends the run
 * with {@link GatesFailedException} (exit 1): the table, its data and its properties stay as they were, and the
 * rejected version, its scores and the failed gates are recorded (run manifest, {@code synthforge_runs},
 * {@code synthforge_quality} with {@code gates_passed = false}). The verdict is a completed evaluate step, so a rerun
 * with the same configuration repeats it without recomputing, and one that changes the gates or the sample
 * re-evaluates or resamples.
 */
public final class PipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  /** The steps, in order. */
  public static final List<String> STEPS = List.of("demo-data", "ingest", "train", "sample", "evaluate", "publish");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The evaluate step's output saying whether every gate passed ({@code true}/{@code false}). */
  static final String GATES_PASSED = "gates_passed";
  /** The evaluate step's output listing the failed gates ({@code ; }-separated), when one failed. */
  static final String GATE_FAILURES = "gate_failures";

  private final SparkSession spark;
  private final Storage storage;
  private final TrainingListener trainingListener;
  private final StepListener stepListener;

  public PipelineRunner(SparkSession spark) {
    this(spark, TrainingListener.none());
  }

  /** A runner whose training step tells {@code trainingListener} about every round (tests interrupt runs with it). */
  PipelineRunner(SparkSession spark, TrainingListener trainingListener) {
    this(spark, trainingListener, step -> { });
  }

  /** A runner that also tells {@code stepListener} when a step starts to run (tests look at the catalog then). */
  PipelineRunner(SparkSession spark, TrainingListener trainingListener, StepListener stepListener) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
    this.trainingListener = trainingListener;
    this.stepListener = stepListener;
  }

  /** Told when a step is about to run (not when it is skipped as up to date). */
  @FunctionalInterface
  interface StepListener {
    void starting(String step);
  }

  /** Runs {@code file}, recomputing the steps in {@code force} (and those after them). */
  public RunOutcome run(PipelineFile file, Set<String> force) {
    for (String step : force) {
      if (!STEPS.contains(step)) {
        throw new UsageException("Cannot force step '" + step + "': steps are " + STEPS);
      }
    }
    String name = file.requiredText("name");
    Path root = storage.qualify(file.text("targets.root", "warehouse/pipelines/" + name));
    Targets targets = new Targets(file, root);
    String runId = "run-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    long seed = file.longValue("seed", 42);
    TablePublisher publisher = new TablePublisher(spark, storage, file, runId, seed);
    Map<String, StepRecord> done = new LinkedHashMap<>();
    long started = System.currentTimeMillis();
    try (PipelineLock lock = PipelineLock.acquire(storage, root, runId)) {
      LOG.info("Pipeline {} (run {}) into {}", name, runId, root);
      String upstream = "";
      // A step recomputes when it or an earlier step is forced, or when an earlier step ran in this run: its outputs are
      // new, so what was made from the old ones is stale even though the configuration (the fingerprint) is the same.
      boolean forced = false;
      boolean demo = file.has("source.demo");

      if (demo) {
        forced |= force.contains("demo-data");
        String fingerprint = fingerprint("demo-data", file.canonical("source.demo") + seed, upstream);
        done.put("demo-data", step("demo-data", fingerprint, forced, targets, runId, () -> {
          new DemoDataJob().run(spark, DemoDataRequest.builder(file.longValue("source.demo.rows", 100_000), targets.raw)
              .seed(seed).format(DemoDataFormat.CSV).overwrite(true).build());
          return Map.of("raw", targets.raw);
        }));
        upstream = fingerprint;
      }

      forced |= force.contains("ingest") || ranNow(done, runId);
      String input = demo ? targets.raw : file.requiredText("source.input");
      String inputFingerprint = demo ? "" : Fingerprints.of(InputFiles.describe(storage, storage.listInputFiles(input)), Map.of());
      String ingestFingerprint = fingerprint("ingest", file.canonical("source") + file.canonical("ingest") + seed + inputFingerprint,
          upstream);
      done.put("ingest", step("ingest", ingestFingerprint, forced, targets, runId, () -> {
        IngestResult result = new IngestJob(spark).run(ingestRequest(file, input, targets.dataset, seed, true));
        return Map.of("dataset", result.dataset(), "accepted", Long.toString(result.accepted()),
            "quarantined", Long.toString(result.quarantined()));
      }));
      upstream = ingestFingerprint;

      forced |= force.contains("train") || ranNow(done, runId);
      String trainFingerprint = fingerprint("train", file.canonical("model")
          + (file.has("constraints") ? file.canonical("constraints") : "") + seed, upstream);
      boolean retrain = forced;
      done.put("train", step("train", trainFingerprint, forced, targets, runId, () -> {
        StepRecord previous = record(targets, "train");
        boolean resume = !retrain && previous != null && StepRecord.STARTED.equals(previous.status())
            && previous.fingerprint().equals(trainFingerprint);
        TrainingResult result = new TrainingMaster(spark).train(trainingOptions(file, targets, seed, resume), trainingListener);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("model", result.modelUri());
        outputs.put("rounds", Integer.toString(result.manifest().getRounds()));
        outputs.put("resumed_from_round", Integer.toString(result.resumedFromRound()));
        return outputs;
      }, true));
      upstream = trainFingerprint;

      forced |= force.contains("sample") || ranNow(done, runId);
      String sampleFingerprint = fingerprint("sample", file.canonical("sample") + seed, upstream);
      SyntheticVersions versions = new SyntheticVersions(storage, storage.qualify(targets.synthetic));
      done.put("sample", step("sample", sampleFingerprint, forced, targets, runId, () -> {
        // A new version that no table points at: it stays unseen until its gates pass (publish).
        versions.checkLayout();
        SampleRequest.Builder request = SampleRequest.builder(targets.model, file.longValue("sample.rows", 10_000),
                versions.of(runId).toString())
            .seed(file.longValue("sample.seed", seed))
            .format(OutputFormat.parse(file.text("sample.format", "parquet")))
            .mode(WriteMode.ERROR)
            .labelRates(LabelRates.parse(file.text("sample.label-rates", "real")));
        for (String condition : file.texts("sample.conditions")) {
          request.condition(CategoryCondition.parse(condition));
        }
        for (String ratio : file.texts("sample.ratios")) {
          request.ratio(CategoryRatio.parse(ratio));
        }
        SampleResult result = new SampleJob(spark).run(request.build());
        return Map.of("synthetic", result.output(), "rows", Long.toString(result.rows()), "sample_run", result.runId(),
            "rejected_draws", Long.toString(result.rejectedDrawCount()),
            "unresolved_rows", Long.toString(result.unresolvedRows().values().stream().mapToLong(Long::longValue).sum()));
      }));
      upstream = sampleFingerprint;

      forced |= force.contains("evaluate") || ranNow(done, runId);
      String evaluateFingerprint = fingerprint("evaluate", file.canonical("evaluate"), upstream);
      StepRecord sampled = done.get("sample");
      String synthetic = sampled.outputs().get("synthetic");
      done.put("evaluate", step("evaluate", evaluateFingerprint, forced, targets, runId, () -> {
        EvaluationOptions.Builder options = EvaluationOptions.builder().seed(seed)
            .gbtMaxIter(file.intValue("evaluate.gbt-iterations", 50));
        if (file.has("evaluate.target")) {
          options.target(file.requiredText("evaluate.target"), file.requiredText("evaluate.positive"));
        }
        List<Gate> gates = new ArrayList<>();
        for (String gate : file.texts("evaluate.gates")) {
          gates.add(Gate.parse(gate));
        }
        // The table is named for the quality log only: its scores are set by publish, once the gates pass.
        EvaluationRequest.Builder request = EvaluationRequest.builder(targets.dataset, targets.report)
            .synthetic(synthetic).model(targets.model).options(options.build()).gates(gates).evaluationId(runId)
            .setsTableScores(false);
        if (publisher.table() != null) {
          request.table(publisher.table());
        }
        EvaluationJob.Outcome outcome = new EvaluationJob(spark).run(request.build());
        Map<String, String> outputs = new TreeMap<>();
        for (Map.Entry<String, Double> metric : outcome.report().headline().entrySet()) {
          outputs.put(TablePublisher.SCORE + metric.getKey(), QualityCatalog.format(metric.getValue()));
        }
        outputs.put("report", outcome.reportUri());
        outputs.put("evaluation_id", outcome.evaluationId());
        outputs.put(GATES_PASSED, Boolean.toString(outcome.gates().passed()));
        if (!outcome.gates().passed()) {
          outputs.put(GATE_FAILURES, String.join("; ", outcome.gates().failures()));
          LOG.warn("Step evaluate: the sample {} failed its quality gates: {}", synthetic, outputs.get(GATE_FAILURES));
        }
        return outputs;
      }));
      upstream = evaluateFingerprint;
      StepRecord evaluation = done.get("evaluate");
      if (!gatesPassed(evaluation)) {
        throw reject(name, root, targets, publisher, versions, done, runId, started);
      }

      forced |= force.contains("publish") || ranNow(done, runId);
      String publishFingerprint = fingerprint("publish", file.text("targets.table", ""), upstream);
      StepRecord previousPublish = record(targets, "publish");
      done.put("publish", step("publish", publishFingerprint, forced, targets, runId,
          () -> publisher.publish(targets.model, sampled, evaluation,
              previousPublish == null ? null : previousPublish.outputs().get("location"))));
      versions.sweep(kept(publisher, done.get("publish"), sampled));

      long millis = System.currentTimeMillis() - started;
      RunOutcome outcome = new RunOutcome(runId, name, root.toString(), done, millis, RunOutcome.PUBLISHED, List.of());
      storage.writeText(new Path(root, "runs/" + runId + ".json"), outcome.toJson());
      return outcome;
    }
  }

  /** Whether the evaluation recorded passed its gates (records from before gates were recorded passed: they completed). */
  private static boolean gatesPassed(StepRecord evaluation) {
    return !"false".equals(evaluation.outputs().get(GATES_PASSED));
  }

  /**
   * Ends a run whose sample failed its gates: the table and the publish record stay as they were; the rejected sample
   * is kept for inspection (older rejected ones are deleted), recorded in {@code synthforge_runs} when this run
   * evaluated it, and the run manifest says what failed.
   */
  private GatesFailedException reject(String name, Path root, Targets targets, TablePublisher publisher,
      SyntheticVersions versions, Map<String, StepRecord> done, String runId, long started) {
    StepRecord sample = done.get("sample");
    StepRecord evaluation = done.get("evaluate");
    String failures = evaluation.outputs().getOrDefault(GATE_FAILURES, "");
    if (runId.equals(evaluation.runId())) {
      publisher.recordRejection(targets.model, sample, failures);
    }
    StepRecord published = record(targets, "publish");
    versions.sweep(kept(publisher, published, sample));
    RunOutcome outcome = new RunOutcome(runId, name, root.toString(), done, System.currentTimeMillis() - started,
        RunOutcome.REJECTED, List.of(failures.split("; ")));
    storage.writeText(new Path(root, "runs/" + runId + ".json"), outcome.toJson());
    String current = publisher.publishedLocation();
    String kept = publisher.table() == null ? "nothing was published"
        : current == null ? "table " + publisher.table() + " was not created"
            : "table " + publisher.table() + " still reads " + current;
    return new GatesFailedException("Cannot publish the sample " + sample.outputs().get("synthetic")
        + (runId.equals(evaluation.runId()) ? "" : " (evaluated by run " + evaluation.runId() + ")")
        + ": quality gates failed: " + failures + "; " + kept + " (report: " + evaluation.outputs().get("report")
        + ", run manifest: " + new Path(root, "runs/" + runId + ".json") + ")", outcome);
  }

  /**
   * The versions to keep: the published one (by the record and by the catalog), the one it replaced (readers may
   * still be reading it), the latest sample (after a failed gate, the rejected one, for inspection).
   */
  private static List<String> kept(TablePublisher publisher, StepRecord published, StepRecord sample) {
    List<String> kept = new ArrayList<>();
    kept.add(sample.outputs().get("synthetic"));
    kept.add(publisher.publishedLocation());
    if (published != null) {
      kept.add(published.outputs().get("location"));
      kept.add(published.outputs().get("previous_location"));
    }
    return kept;
  }

  private IngestRequest ingestRequest(PipelineFile file, String input, String dataset, long seed, boolean overwrite) {
    return IngestRequest.builder(input)
        .format(file.has("source.format") ? SourceFormat.parse(file.requiredText("source.format")) : null)
        .schema(file.text("source.schema", null))
        .dataset(dataset)
        .labels(Set.copyOf(file.texts("source.labels")))
        .csv(CsvOptions.builder().nullTokens(file.texts("source.null-values")).build())
        .maxBadRatio(file.doubleValue("ingest.max-bad-ratio", 0.1))
        .holdoutShare(file.doubleValue("ingest.holdout-share", 0.2))
        .relations(MiningOptions.builder()
            .mode(RelationsMode.parse(file.text("ingest.relations", "enforce")))
            .minSupport(file.doubleValue("ingest.relation-min-support", 0.995))
            .enforceSupport(file.doubleValue("ingest.relation-enforce-support", 0.999))
            .build())
        .seed(seed)
        .overwrite(overwrite)
        .build();
  }

  private TrainingOptions trainingOptions(PipelineFile file, Targets targets, long seed, boolean resume) {
    return TrainingOptions.builder(targets.dataset, file.requiredText("model.family"), targets.model)
        .hyperparameters(file.map("model.params"))
        .workers(file.intValue("model.workers", spark.sparkContext().defaultParallelism()))
        .batchPerWorker(file.intValue("model.batch-per-worker", 500))
        .averagingFrequency(file.intValue("model.averaging-frequency", 10))
        .epochs(file.doubleValue("model.epochs", 50))
        .seed(seed)
        .checkpointEvery(file.intValue("model.checkpoint-every", 20))
        .validationShare(file.doubleValue("model.validation-share", 0.1))
        .oversampleBelow(file.doubleValue("model.oversample-below", 0))
        .patience(file.intValue("model.patience", 0))
        .constraints(file.texts("constraints"))
        .relations(file.has("model.relations") ? RelationsMode.parse(file.requiredText("model.relations")) : null)
        .maxConstraintViolations(file.doubleValue("model.max-constraint-violations", 0.01))
        .resume(resume)
        .overwrite(!resume)
        .build();
  }

  /** A unit of work of the pipeline. */
  @FunctionalInterface
  private interface Work {
    Map<String, String> run();
  }

  private StepRecord step(String step, String fingerprint, boolean forced, Targets targets, String runId, Work work) {
    return step(step, fingerprint, forced, targets, runId, work, false);
  }

  private StepRecord step(String step, String fingerprint, boolean forced, Targets targets, String runId, Work work,
      boolean keepStartedRecord) {
    StepRecord previous = record(targets, step);
    if (!forced && previous != null && previous.completes(fingerprint)) {
      LOG.info("Step {}: up to date (completed by {}), skipping", step, previous.runId());
      return previous;
    }
    boolean resumable = keepStartedRecord && !forced && previous != null && StepRecord.STARTED.equals(previous.status())
        && previous.fingerprint().equals(fingerprint);
    LOG.info("Step {}: {}", step, resumable ? "resuming an interrupted run" : forced && previous != null
        ? "recomputing (forced, or an earlier step ran)" : "running");
    if (!resumable) {
      write(targets, new StepRecord(step, fingerprint, StepRecord.STARTED, runId, 0, Map.of()));
    }
    stepListener.starting(step);
    long started = System.currentTimeMillis();
    Map<String, String> outputs = work.run();
    StepRecord record = new StepRecord(step, fingerprint, StepRecord.COMPLETED, runId, System.currentTimeMillis() - started,
        outputs);
    write(targets, record);
    LOG.info("Step {}: done in {} ms", step, record.millis());
    return record;
  }

  private StepRecord record(Targets targets, String step) {
    Path path = new Path(targets.root, "_steps/" + step + ".json");
    if (!storage.exists(path)) {
      return null;
    }
    try {
      return JSON.readValue(storage.readText(path), StepRecord.class);
    } catch (JsonProcessingException e) {
      LOG.warn("Ignoring unreadable step record {}: {}", path, e.getOriginalMessage());
      return null;
    }
  }

  private void write(Targets targets, StepRecord record) {
    try {
      storage.writeTextAtomically(new Path(targets.root, "_steps/" + record.step() + ".json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write step record: " + e.getOriginalMessage(), e);
    }
  }

  /** Whether a step recorded in {@code done} ran in run {@code runId} (rather than being up to date). */
  private static boolean ranNow(Map<String, StepRecord> done, String runId) {
    return done.values().stream().anyMatch(record -> runId.equals(record.runId()));
  }

  private static String fingerprint(String step, String configuration, String upstream) {
    return Fingerprints.ofText(step + "\u0000" + configuration + "\u0000" + upstream);
  }

  /** Where a pipeline's outputs go: under the target root unless the file names them. */
  private static final class Targets {
    final String root;
    final String raw;
    final String dataset;
    final String model;
    final String synthetic;
    final String report;

    Targets(PipelineFile file, Path root) {
      this.root = root.toString();
      this.raw = file.text("targets.raw", new Path(root, "raw").toString());
      this.dataset = file.text("targets.dataset", new Path(root, "dataset").toString());
      this.model = file.text("targets.model", new Path(root, "model").toString());
      this.synthetic = file.text("targets.synthetic", new Path(root, "synthetic").toString());
      this.report = file.text("targets.report", new Path(root, "report").toString());
    }
  }
}
