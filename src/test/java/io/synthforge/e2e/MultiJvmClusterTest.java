package io.synthforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.conf.SparkSessions;
import io.synthforge.conf.SparkSettings;
import io.synthforge.demo.DemoDataFormat;
import io.synthforge.demo.DemoDataJob;
import io.synthforge.demo.DemoDataRequest;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.io.Storage;
import io.synthforge.model.ModelState;
import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.testing.LocalCluster;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingResult;
import io.synthforge.train.distributed.TrainingMaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof on separate JVMs. The fraud pipeline's core (demo-data → ingest → train → sample) runs on Spark's
 * {@code local-cluster[2,1,768]}: a standalone Master and two Workers inside this JVM, each executor its own JVM
 * (see {@link LocalCluster}), with {@code cluster-config/standalone}'s settings (Kryo, one cpu per task, no dynamic
 * allocation). Every closure, broadcast and task result therefore crosses a process boundary, and every executor
 * builds its static caches from what it was sent. The same jobs run first on {@code local[2]}; the cluster must
 * reproduce them bit for bit, and must do so again when an executor JVM is killed in the middle of training.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiJvmClusterTest {
  private static final Logger LOG = LoggerFactory.getLogger(MultiJvmClusterTest.class);
  private static final Path ROOT = Path.of(System.getProperty("synthforge.root", "..")).toAbsolutePath();
  private static final String PHASE = "synthforge.test.phase";
  private static final int EXECUTORS = 2;
  private static final int EXECUTOR_MB = 768;
  private static final long EXECUTOR_START_MILLIS = 180_000L;
  private static final long SEED = 42L;
  private static final int DEMO_ROWS = 2_000;
  /** Two chunks: one sampling task per executor. */
  private static final int SAMPLE_ROWS = 1_000;

  @TempDir
  static Path dir;

  private static final Map<String, TrainingResult> LOCAL = new LinkedHashMap<>();
  private static SparkSession cluster;
  private static Tasks tasks;

  @BeforeAll
  static void runLocallyThenStartTheCluster() throws Exception {
    long started = System.nanoTime();
    SparkSession local = SparkSessions.start(settings("local[" + EXECUTORS + "]", Map.of()));
    try {
      Path out = dir.resolve("local");
      demoData(local, out);
      ingest(local, out);
      LOCAL.put("ctgan", train(local, out, "ctgan", TrainingListener.none()));
      sample(local, out, "ctgan");
      LOCAL.put("tvae", train(local, out, "tvae", TrainingListener.none()));
      sample(local, out, "tvae");
    } finally {
      local.stop();
    }
    LOG.info("Reference run on local[{}] took {} ms", EXECUTORS, (System.nanoTime() - started) / 1_000_000L);

    started = System.nanoTime();
    cluster = SparkSessions.start(settings(LocalCluster.master(EXECUTORS, 1, EXECUTOR_MB),
        LocalCluster.executorSettings(1, EXECUTOR_MB)));
    tasks = new Tasks(cluster.sparkContext().applicationId());
    cluster.sparkContext().addSparkListener(tasks);
    LocalCluster.awaitExecutors(cluster.sparkContext(), EXECUTORS, EXECUTOR_START_MILLIS);
    LOG.info("local-cluster with {} executor JVMs up in {} ms: {}", EXECUTORS, (System.nanoTime() - started) / 1_000_000L,
        LocalCluster.executorProcesses(cluster.sparkContext().applicationId()));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  @Order(1)
  void thePipelineOnTwoExecutorJvmsReproducesTheLocalRun() throws Exception {
    Path out = dir.resolve("cluster");
    phase("demo-data", () -> demoData(cluster, out));
    phase("ingest", () -> ingest(cluster, out));
    TrainingResult trained = phase("train", () -> train(cluster, out, "ctgan", TrainingListener.none()));
    phase("sample", () -> sample(cluster, out, "ctgan"));
    waitForListeners();

    assertSameRows(csv(dir.resolve("local/raw")), csv(out.resolve("raw")), "demo rows");
    assertEquals(Files.readString(dir.resolve("local/dataset/transformer.json")),
        Files.readString(out.resolve("dataset/transformer.json")), "the transformer fitted on the executors");
    assertEquals(LOCAL.get("ctgan").manifest().getRounds(), trained.manifest().getRounds());
    assertEquals(LOCAL.get("ctgan").state(), trained.state(), "ctgan parameters, updater state and steps");
    assertSameRows(parquet(dir.resolve("local/synthetic-ctgan")), parquet(out.resolve("synthetic-ctgan")), "sampled rows");

    // Training and sampling ran in the executor JVMs, both of them, and never in the driver.
    Map<String, ProcessHandle> jvms = LocalCluster.executorProcesses(cluster.sparkContext().applicationId());
    long driver = ProcessHandle.current().pid();
    for (String phase : List.of("train", "sample")) {
      Set<String> executors = tasks.executorsOf(phase);
      assertEquals(EXECUTORS, executors.size(), phase + " tasks ran on " + executors);
      Set<Long> pids = new TreeSet<>();
      for (String executor : executors) {
        assertNotEquals("driver", executor);
        ProcessHandle jvm = jvms.get(executor);
        assertNotNull(jvm, "executor " + executor + " is one of this cluster's JVMs " + jvms.keySet());
        assertNotEquals(driver, jvm.pid());
        pids.add(jvm.pid());
      }
      assertEquals(EXECUTORS, pids.size(), phase + " ran in JVMs " + pids);
      LOG.info("{} tasks ran on executors {} (JVMs {}; driver JVM {})", phase, executors, pids, driver);
    }
    assertTrue(tasks.failures().isEmpty(), "no task failed: " + tasks.failures());
  }

  @Test
  @Order(2)
  void anExecutorJvmKilledMidTrainingIsReplacedAndTheModelIsUnchanged() throws Exception {
    SparkContext context = cluster.sparkContext();
    LocalCluster.awaitExecutors(context, EXECUTORS, EXECUTOR_START_MILLIS);
    // Trains on the dataset the local reference was trained on, so this test stands on its own.
    Path out = dir.resolve("cluster-kill");
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("dataset"), dir.resolve("local/dataset"));
    Set<String> before = Set.copyOf(LocalCluster.executorProcesses(context.applicationId()).keySet());
    int killAfterRound = 2;
    TrainingResult trained = phase("train-kill", () -> train(cluster, out, "tvae", round -> {
      if (round.getRound() == killAfterRound) {
        tasks.killExecutorOfNextTask("train-kill");
      }
    }));
    waitForListeners();
    Tasks.Kill kill = tasks.kill();
    assertNotNull(kill, "an executor JVM was killed during training");
    // Whether the kill landed inside the task is a race with the listener bus (a round's task runs for a few
    // hundred ms); either way the driver loses the executor, its cached shard and its shuffle output.
    LOG.info("Killed executor {} (JVM {}) as task {} of stage {} started; that task {}; failures Spark recovered from: {}",
        kill.executor(), kill.pid(), kill.task(), kill.stage(),
        tasks.failedTasks().contains(kill.task()) ? "died with it and was retried" : "had already finished", tasks.failures());
    assertTrue(tasks.removed().containsKey(kill.executor()),
        "the driver lost executor " + kill.executor() + ": " + tasks.removed());

    ModelState state = trained.state();
    for (float parameter : state.parameters()) {
      assertTrue(Float.isFinite(parameter), "finite parameters");
    }
    assertEquals(LOCAL.get("tvae").manifest().getRounds(), trained.manifest().getRounds());
    assertEquals(LOCAL.get("tvae").state(), state, "tvae trained through an executor loss equals the undisturbed run");

    phase("sample-after-kill", () -> sample(cluster, out, "tvae"));
    assertSameRows(parquet(dir.resolve("local/synthetic-tvae")), parquet(out.resolve("synthetic-tvae")), "sampled rows");

    // The standalone Worker relaunched the lost executor: the cluster is back to full strength.
    LocalCluster.awaitExecutors(context, EXECUTORS, EXECUTOR_START_MILLIS);
    Set<String> after = LocalCluster.executorProcesses(context.applicationId()).keySet();
    assertFalse(after.contains(kill.executor()), "executor " + kill.executor() + " is gone: " + after);
    assertTrue(after.stream().anyMatch(id -> !before.contains(id)), "a new executor replaced it: " + before + " -> " + after);
  }

  private static SparkSettings settings(String master, Map<String, String> executors) {
    Map<String, String> conf = new LinkedHashMap<>(executors);
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    return SparkSettings.builder("MultiJvmClusterTest").master(master).warehouse(dir.resolve("warehouse").toString())
        .clusterDefaultsFile(ROOT.resolve("cluster-config/standalone/spark-defaults.conf"))
        .commandLineConf(conf)
        .build();
  }

  private static Object demoData(SparkSession spark, Path out) {
    return new DemoDataJob().run(spark, DemoDataRequest.builder(DEMO_ROWS, out.resolve("raw").toString())
        .seed(SEED).format(DemoDataFormat.CSV).build());
  }

  private static Object ingest(SparkSession spark, Path out) {
    return new IngestJob(spark).run(IngestRequest.builder(out.resolve("raw").toString())
        .schema(ROOT.resolve("schemas/tables/transactions.avsc").toString())
        .dataset(out.resolve("dataset").toString())
        .holdoutShare(0.2)
        .seed(SEED)
        .build());
  }

  /** A few rounds of the family on two workers, with small networks so the test stays quick on two cores. */
  private static TrainingResult train(SparkSession spark, Path out, String family, TrainingListener listener) {
    Map<String, String> small = family.equals("ctgan")
        ? Map.of("embedding-dim", "32", "generator-dims", "64,64", "discriminator-dims", "64,64")
        : Map.of("embedding-dim", "32", "compress-dims", "64,64", "decompress-dims", "64,64");
    TrainingOptions options = TrainingOptions.builder(out.resolve("dataset").toString(), family,
            out.resolve("model-" + family).toString())
        .hyperparameters(small).workers(EXECUTORS).batchPerWorker(100).averagingFrequency(4).epochs(2)
        .checkpointEvery(2).seed(SEED).build();
    return new TrainingMaster(spark).train(options, listener);
  }

  private static Object sample(SparkSession spark, Path out, String family) {
    return new SampleJob(spark).run(SampleRequest.builder(out.resolve("model-" + family).toString(), SAMPLE_ROWS,
        out.resolve("synthetic-" + family).toString()).seed(SEED).chunkRows(SAMPLE_ROWS / EXECUTORS).build());
  }

  private static Dataset<Row> csv(Path path) {
    return cluster.read().option("header", "true").csv(path.toString());
  }

  private static Dataset<Row> parquet(Path path) {
    return cluster.read().option("recursiveFileLookup", "true").parquet(path.toString());
  }

  /** The same multiset of rows (a few thousand at most: compared on the driver, one Spark job per side). */
  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, String what) {
    List<String> want = expected.collectAsList().stream().map(Row::toString).sorted().toList();
    List<String> got = actual.collectAsList().stream().map(Row::toString).sorted().toList();
    assertFalse(want.isEmpty(), what + ": the local run wrote rows");
    assertEquals(want, got, what);
  }

  /** Runs {@code work} with its Spark jobs tagged {@code phase}, so {@link Tasks} knows where they ran. */
  private static <T> T phase(String phase, java.util.concurrent.Callable<T> work) throws Exception {
    SparkContext context = cluster.sparkContext();
    context.setLocalProperty(PHASE, phase);
    try {
      return work.call();
    } finally {
      context.setLocalProperty(PHASE, null);
    }
  }

  private static void waitForListeners() throws Exception {
    cluster.sparkContext().listenerBus().waitUntilEmpty();
  }

  /**
   * Which executor ran each task of each phase, the tasks that failed, the executors lost; and, when armed, kills
   * the executor JVM that starts the next task of a phase.
   */
  private static final class Tasks extends SparkListener {
    record Kill(String executor, long pid, long task, int stage) {}

    private final String appId;
    private final Map<Integer, String> stagePhases = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> executors = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<Long> failedTasks = ConcurrentHashMap.newKeySet();
    private final Map<String, String> removed = new ConcurrentHashMap<>();
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final AtomicReference<Kill> kill = new AtomicReference<>();

    Tasks(String appId) {
      this.appId = appId;
    }

    void killExecutorOfNextTask(String phase) {
      armed.set(phase);
    }

    Kill kill() {
      return kill.get();
    }

    Set<String> executorsOf(String phase) {
      return new TreeSet<>(executors.getOrDefault(phase, Set.of()));
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    Set<Long> failedTasks() {
      return Set.copyOf(failedTasks);
    }

    /** The executors the driver lost, with Spark's reason. */
    Map<String, String> removed() {
      return Map.copyOf(removed);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      String phase = job.properties() == null ? null : job.properties().getProperty(PHASE);
      if (phase == null) {
        return;
      }
      for (Object stage : scala.collection.JavaConverters.seqAsJavaList(job.stageIds())) {
        stagePhases.put((Integer) stage, phase);
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
      String phase = stagePhases.get(task.stageId());
      if (phase == null || !armed.compareAndSet(phase, null)) {
        return;
      }
      String executor = task.taskInfo().executorId();
      ProcessHandle jvm = LocalCluster.executorProcesses(appId).get(executor);
      if (jvm == null) {
        LOG.warn("Cannot kill executor {}: no JVM of application {} found", executor, appId);
        return;
      }
      jvm.destroyForcibly();
      kill.set(new Kill(executor, jvm.pid(), task.taskInfo().taskId(), task.stageId()));
      LOG.info("Killed executor {} (JVM {}) just after it started task {} of stage {} ({})", executor, jvm.pid(),
          task.taskInfo().taskId(), task.stageId(), phase);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
      String phase = stagePhases.getOrDefault(task.stageId(), "untagged");
      if (task.taskInfo().successful()) {
        executors.computeIfAbsent(phase, key -> ConcurrentHashMap.newKeySet()).add(task.taskInfo().executorId());
      } else {
        failedTasks.add(task.taskInfo().taskId());
        String reason = String.valueOf(task.reason());
        failures.add(phase + " task " + task.taskInfo().taskId() + " on executor " + task.taskInfo().executorId() + ": "
            + reason.substring(0, Math.min(reason.length(), 120)));
      }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved executor) {
      removed.put(executor.executorId(), executor.reason());
    }
  }
}
