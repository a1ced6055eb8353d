package io.synthforge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.UsageException;
import io.synthforge.publish.CatalogSpark;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import io.synthforge.testing.Fixtures;
import io.synthforge.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline runner on a tiny pipeline (a fixture CSV, the test family {@code meanfield}, a few rounds) with a real
 * Hive metastore: reruns skip, an interrupted training resumes, {@code --force} recomputes, the lock refuses a second run.
 * One pipeline, {@code main}, is run once for the class (a full run costs tens of seconds); each test leaves it complete
 * and current, and tests that rerun it compare with what it held just before, so they hold in any order.
 */
class PipelineRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> AFTER_INGEST = List.of("train", "sample", "evaluate", "publish");

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static RunOutcome baseline;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("PipelineRunnerTest", dir);
    Fixtures.write(dir.resolve("input/payments.csv"), Fixtures.goodCsv(500, 11));
    Fixtures.write(dir.resolve("input/payments.avsc"), Fixtures.SCHEMA);
    baseline = run("main", Set.of());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** The pipeline file of target {@code target}: 500 rows, meanfield for 3 epochs (a few rounds), 300 synthetic rows. */
  private static PipelineFile pipeline(String target) {
    return pipeline(target, Map.of());
  }

  /** {@link #pipeline(String)} with {@code --set} overrides. */
  private static PipelineFile pipeline(String target, Map<String, String> overrides) {
    String yaml = String.join("\n",
        "name: payments-" + target,
        "seed: 7",
        "source:",
        "  input: " + dir.resolve("input/payments.csv"),
        "  schema: " + dir.resolve("input/payments.avsc"),
        "ingest:",
        "  holdout-share: 0.2",
        "model:",
        "  family: meanfield",
        "  workers: 2",
        "  batch-per-worker: 40",
        "  averaging-frequency: 3",
        "  epochs: 3",
        "  checkpoint-every: 2",
        "  validation-share: 0",
        "sample:",
        "  rows: 300",
        "evaluate:",
        "  gates:",
        "    - valid_rows>=0.5",
        "targets:",
        "  root: " + root(target),
        "  table: synth.payments_" + target,
        "");
    return PipelineFile.parse(yaml, target + ".yaml", overrides);
  }

  private static Path root(String target) {
    return dir.resolve("pipelines/" + target);
  }

  private static RunOutcome run(String target, Set<String> force) {
    return new PipelineRunner(spark).run(pipeline(target), force);
  }

  private static StepRecord record(String target, String step) {
    try {
      return JSON.readValue(root(target).resolve("_steps/" + step + ".json").toFile(), StepRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under the target (step records, dataset, model, synthetic rows, report) with its modification time. */
  private static Map<String, FileTime> files(String target) {
    Map<String, FileTime> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(root(target))) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        String name = root(target).relativize(file).toString();
        if (!name.startsWith("runs/")) {
          files.put(name, Files.getLastModifiedTime(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static long runManifests(String target) throws IOException {
    try (Stream<Path> runs = Files.list(root(target).resolve("runs"))) {
      return runs.filter(file -> file.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static long evaluations(String runId) {
    return spark.sql("SELECT count(*) FROM synthforge.synthforge_quality WHERE evaluation_id = '" + runId + "'")
        .first().getLong(0);
  }

  private static Map<String, String> properties(String target) {
    return SyntheticCatalog.of(spark).properties(TableName.parse("synth.payments_" + target));
  }

  /** The published table's rows, as sorted text. */
  private static List<String> tableRows(String target) {
    return spark.table("synth.payments_" + target).collectAsList().stream().map(Row::toString).sorted()
        .collect(Collectors.toList());
  }

  /** The rows of a version directory, as sorted text. */
  private static List<String> versionRows(String location) {
    return spark.read().option("recursiveFileLookup", "true").parquet(location).collectAsList().stream()
        .map(Row::toString).sorted().collect(Collectors.toList());
  }

  /** The local path of the published table's location. */
  private static String tableLocation(String target) {
    return localPath(SyntheticCatalog.of(spark).location(TableName.parse("synth.payments_" + target)).orElseThrow());
  }

  private static String localPath(String uri) {
    return new org.apache.hadoop.fs.Path(uri).toUri().getPath().replaceAll("/+$", "");
  }

  /** The names of the version directories (and any leftovers) under the target's synthetic/. */
  private static Set<String> versions(String target) throws IOException {
    try (Stream<Path> children = Files.list(root(target).resolve("synthetic"))) {
      return children.map(child -> child.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void theFirstRunRunsEveryStepAndPublishesTheScoredTable() {
    for (String step : List.of("ingest", "train", "sample", "evaluate", "publish")) {
      assertTrue(baseline.ran(step), step);
    }
    assertTrue(Integer.parseInt(baseline.steps().get("train").outputs().get("rounds")) >= 4, "enough rounds to interrupt");
    assertEquals(baseline.runId(), baseline.steps().get("evaluate").outputs().get("evaluation_id"));
    assertTrue(evaluations(baseline.runId()) > 10, "the evaluation's metrics are in synthforge.synthforge_quality");
    assertTrue(Files.exists(root("main").resolve("runs/" + baseline.runId() + ".json")));
  }

  @Test
  void aSecondRunSkipsEveryStepAndChangesNothing() throws Exception {
    Map<String, FileTime> before = files("main");
    Map<String, String> properties = properties("main");
    String publishedBy = record("main", "publish").runId();
    long rows = spark.sql("SELECT count(*) FROM synthforge.synthforge_quality").first().getLong(0);

    RunOutcome rerun = run("main", Set.of());

    for (Map.Entry<String, StepRecord> step : rerun.steps().entrySet()) {
      assertFalse(rerun.ran(step.getKey()), step.getKey() + " ran again");
      assertNotEquals(rerun.runId(), step.getValue().runId());
    }
    assertEquals(publishedBy, rerun.steps().get("publish").runId());
    assertEquals(before, files("main"), "no file under the target was written");
    assertEquals(properties, properties("main"));
    assertEquals(rows, spark.sql("SELECT count(*) FROM synthforge.synthforge_quality").first().getLong(0));
    String manifest = Files.readString(root("main").resolve("runs/" + rerun.runId() + ".json"));
    assertEquals(5, manifest.split("skipped \\(up to date\\)", -1).length - 1, manifest);
  }

  @Test
  void forcingTrainRecomputesTrainAndEveryLaterStepButNotIngest() throws Exception {
    StepRecord ingest = record("main", "ingest");
    FileTime dataset = Files.getLastModifiedTime(root("main").resolve("dataset/manifest.json"));
    String model = Files.readString(root("main").resolve("model/manifest.json"));

    RunOutcome forced = run("main", Set.of("train"));

    assertFalse(forced.ran("ingest"));
    assertEquals(ingest.runId(), forced.steps().get("ingest").runId());
    assertEquals(dataset, Files.getLastModifiedTime(root("main").resolve("dataset/manifest.json")));
    for (String step : AFTER_INGEST) {
      assertTrue(forced.ran(step), step);
      assertEquals(forced.runId(), record("main", step).runId(), step);
    }
    assertEquals("0", forced.steps().get("train").outputs().get("resumed_from_round"), "trained from scratch");
    assertNotEquals(model, Files.readString(root("main").resolve("model/manifest.json")));
    assertEquals(forced.runId(), properties("main").get("synthforge.pipeline_run"));
    assertEquals(forced.runId(), properties("main").get("synthforge.quality.evaluation_id"));
    assertTrue(evaluations(forced.runId()) > 10);
  }

  @Test
  void aSampleFailingItsGatesNeverReachesTheTableAndAFixedRerunPublishesIt() throws Exception {
    spark.sql("ALTER TABLE synth.payments_main SET TBLPROPERTIES ('team' = 'risk')");
    Map<String, String> properties = properties("main");
    List<String> rows = tableRows("main");
    String location = tableLocation("main");
    StepRecord published = record("main", "publish");
    Map<String, String> smaller = Map.of("sample.rows", "200");
    Map<String, String> failing = Map.of("sample.rows", "200", "evaluate.gates", "[valid_rows>=0.5, valid_rows>=2]");
    List<String> looked = new java.util.ArrayList<>();
    // While the new sample is staged and scored, the table serves exactly what it served before.
    PipelineRunner.StepListener lookAtTheTable = step -> {
      if (step.equals("evaluate") || step.equals("publish")) {
        looked.add(step);
        assertEquals(location, tableLocation("main"), step);
        assertEquals(rows, tableRows("main"), step);
        assertEquals(properties, properties("main"), step);
      }
    };

    GatesFailedException rejected = assertThrows(GatesFailedException.class,
        () -> new PipelineRunner(spark, TrainingListener.none(), lookAtTheTable).run(pipeline("main", failing), Set.of()));

    RunOutcome outcome = rejected.outcome();
    assertEquals(List.of("evaluate"), looked);
    assertEquals(RunOutcome.REJECTED, outcome.status());
    assertTrue(outcome.ran("sample") && outcome.ran("evaluate"));
    assertFalse(outcome.steps().containsKey("publish"));
    String staged = outcome.steps().get("sample").outputs().get("synthetic");
    assertEquals(root("main").resolve("synthetic/v-" + outcome.runId()).toString(), localPath(staged));
    String validRows = outcome.steps().get("evaluate").outputs().get("score.valid_rows");
    String failure = "Cannot pass gate valid_rows>=2.0: valid_rows is "
        + String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(validRows));
    assertEquals("Cannot publish the sample " + staged + ": quality gates failed: " + failure
        + "; table synth.payments_main still reads file:" + location + " (report: "
        + outcome.steps().get("evaluate").outputs().get("report") + ", run manifest: file:"
        + root("main").resolve("runs/" + outcome.runId() + ".json") + ")", rejected.getMessage());
    // The table: its location, rows and properties as before; the publish record untouched.
    assertEquals(location, tableLocation("main"));
    assertEquals(rows, tableRows("main"));
    assertEquals(properties, properties("main"));
    assertEquals(published.runId(), record("main", "publish").runId());
    // The rejected sample: kept for inspection, recorded as rejected with its scores.
    assertEquals(200, versionRows(staged).size());
    Map<?, ?> manifest = JSON.readValue(root("main").resolve("runs/" + outcome.runId() + ".json").toFile(), Map.class);
    assertEquals("rejected", manifest.get("status"));
    assertEquals(List.of(failure), manifest.get("gate_failures"));
    Map<?, ?> evaluated = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) manifest.get("steps")).get("evaluate")).get("outputs");
    assertEquals("false", evaluated.get("gates_passed"));
    assertEquals(validRows, evaluated.get("score.valid_rows"));
    Row run = spark.sql("SELECT status, location, rows FROM synthforge.synthforge_runs WHERE run_id = '"
        + outcome.runId() + "'").first();
    assertTrue(run.getString(0).startsWith("rejected by the quality gates of pipeline payments-main: Cannot pass gate"),
        run.getString(0));
    assertEquals(localPath(staged), localPath(run.getString(1)));
    assertEquals(200L, run.getLong(2));
    List<Row> quality = spark.sql("SELECT DISTINCT gates_passed, synthetic_uri, table_name FROM "
        + "synthforge.synthforge_quality WHERE evaluation_id = '" + outcome.runId() + "'").collectAsList();
    assertEquals(1, quality.size());
    assertFalse(quality.get(0).getBoolean(0));
    assertEquals(localPath(staged), localPath(quality.get(0).getString(1)));
    assertEquals("synth.payments_main", quality.get(0).getString(2));

    // Unchanged configuration, unchanged verdict: nothing is recomputed or recorded again.
    GatesFailedException again = assertThrows(GatesFailedException.class, () -> new PipelineRunner(spark).run(pipeline("main", failing), Set.of()));
    assertFalse(again.outcome().ran("sample") || again.outcome().ran("evaluate"));
    assertTrue(again.getMessage().contains(" (evaluated by run " + outcome.runId() + "): quality gates failed: "),
        again.getMessage());
    assertEquals(0, evaluations(again.outcome().runId()));
    assertEquals(location, tableLocation("main"));

    // The gates fixed: the kept sample is scored again, passes, and replaces the table in one catalog change.
    RunOutcome fixed = new PipelineRunner(spark, TrainingListener.none(), lookAtTheTable).run(pipeline("main", smaller),
        Set.of());

    assertEquals(RunOutcome.PUBLISHED, fixed.status());
    assertFalse(fixed.ran("sample"));
    assertTrue(fixed.ran("evaluate") && fixed.ran("publish"));
    assertEquals(localPath(staged), tableLocation("main"));
    assertEquals(versionRows(staged), tableRows("main"));
    Map<String, String> republished = properties("main");
    assertEquals(fixed.runId(), republished.get("synthforge.pipeline_run"));
    assertEquals(fixed.runId(), republished.get("synthforge.quality.evaluation_id"));
    assertEquals("200", republished.get("synthforge.rows"));
    assertEquals("risk", republished.get("team"), "the table was altered, not dropped and created again");
    assertEquals(localPath(location), localPath(fixed.steps().get("publish").outputs().get("previous_location")));

    // Back to the first configuration: a new sample replaces it; old versions are deleted, not accumulated.
    RunOutcome back = run("main", Set.of());

    assertTrue(back.ran("sample") && back.ran("publish"));
    assertEquals(rows, tableRows("main"), "the same seed samples the same rows");
    assertEquals(Set.of("v-" + back.runId(), "v-" + outcome.runId()), versions("main"),
        "kept: the published version and the one it replaced");
  }

  /** Runs {@code main} with {@code force}, its training crashing after round 3 (a checkpoint exists after round 2). */
  private static void crashTraining(Set<String> force) {
    TrainingListener crash = round -> {
      if (round.getRound() == 3) {
        throw new IllegalStateException("simulated crash after round 3");
      }
    };
    IllegalStateException crashed = assertThrows(IllegalStateException.class,
        () -> new PipelineRunner(spark, crash).run(pipeline("main"), force));
    assertEquals("simulated crash after round 3", crashed.getMessage());
    assertEquals(StepRecord.STARTED, record("main", "train").status());
    assertTrue(Files.exists(root("main").resolve("model/checkpoints/round-000002")));
    assertFalse(Files.exists(root("main").resolve("_lock")), "a failed run releases the lock");
  }

  @Test
  void anInterruptedTrainingResumesFromItsCheckpointAndTheStepsAfterItRunAgain() throws Exception {
    crashTraining(Set.of("train"));
    StepRecord ingest = record("main", "ingest");

    RunOutcome resumed = run("main", Set.of());

    assertFalse(resumed.ran("ingest"));
    assertEquals(ingest.runId(), resumed.steps().get("ingest").runId());
    Map<String, String> train = resumed.steps().get("train").outputs();
    assertEquals("2", train.get("resumed_from_round"), "continued from the round-2 checkpoint, not from scratch");
    assertEquals(baseline.steps().get("train").outputs().get("rounds"), train.get("rounds"));
    // The log holds each round once: the checkpoint's rounds 1-2, then the resumed attempt's.
    assertEquals(Integer.parseInt(train.get("rounds")),
        Files.readAllLines(root("main").resolve("model/training-log.jsonl")).size());
    // The sample, evaluation and table of the old model are stale once training ran, whatever their fingerprints say.
    for (String step : AFTER_INGEST) {
      assertTrue(resumed.ran(step), step);
    }
    assertEquals(resumed.runId(), properties("main").get("synthforge.pipeline_run"));
  }

  @Test
  void forcingIngestAfterAnInterruptedTrainingTrainsFromScratch() {
    crashTraining(Set.of("train"));
    List<Integer> rounds = new java.util.ArrayList<>();

    RunOutcome forced = new PipelineRunner(spark, round -> rounds.add(round.getRound())).run(pipeline("main"),
        Set.of("ingest"));

    for (String step : List.of("ingest", "train", "sample", "evaluate", "publish")) {
      assertTrue(forced.ran(step), step);
    }
    assertEquals("0", forced.steps().get("train").outputs().get("resumed_from_round"));
    assertEquals(1, rounds.get(0), "training started over on the recomputed dataset");
  }

  @Test
  void aSecondRunOfATargetThatIsBeingRunIsRefusedWithOneLine() throws Exception {
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    TrainingListener pauseAfterRoundOne = round -> {
      if (round.getRound() == 1) {
        paused.countDown();
        try {
          proceed.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    long manifests = runManifests("main");
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> running = first.submit(() -> new PipelineRunner(spark, pauseAfterRoundOne)
          .run(pipeline("main"), Set.of("train")));
      assertTrue(paused.await(120, TimeUnit.SECONDS), "the first run reached its training");

      UsageException refused = assertThrows(UsageException.class, () -> run("main", Set.of()));
      proceed.countDown();
      RunOutcome outcome = running.get(300, TimeUnit.SECONDS);

      Path lock = root("main").resolve("_lock");
      assertTrue(refused.getMessage().startsWith("Cannot run the pipeline: another run holds file:" + lock + " (run="
          + outcome.runId() + " process="), refused.getMessage());
      assertTrue(refused.getMessage().endsWith("); wait for it, or delete the lock file if that run is dead"),
          refused.getMessage());
      assertEquals(1, refused.getMessage().lines().count());
      assertTrue(outcome.ran("train"), "the first run went on undisturbed");
      assertFalse(Files.exists(lock), "released when the first run ended");
      assertEquals(manifests + 1, runManifests("main"), "the refused run wrote no run manifest");
    } finally {
      proceed.countDown();
      first.shutdownNow();
    }
  }
}
