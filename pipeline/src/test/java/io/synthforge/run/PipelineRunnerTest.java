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
import java.util.stream.Stream;
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
    return PipelineFile.parse(yaml, target + ".yaml", Map.of());
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
