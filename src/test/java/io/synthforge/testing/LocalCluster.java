package io.synthforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;

/**
 * A real multi-process Spark for tests, without a Spark distribution: Spark's own
 * {@code local-cluster[workers,cores,memory]} master starts a standalone Master and its Workers inside this JVM,
 * and every Worker launches its executor as a separate JVM ({@code CoarseGrainedExecutorBackend}), exactly as a
 * standalone cluster does.
 *
 * <p>A Worker builds the executor's command line from a Spark home: {@code $SPARK_HOME/jars/*} is the executor's
 * classpath. This class makes a throwaway one out of this JVM's classpath: {@code RELEASE}, and {@code jars/}
 * holding a symbolic link to every jar; class directories (the modules' {@code target/classes} and
 * {@code target/test-classes}) cannot live in {@code jars/}, so they go first on
 * {@code spark.executor.extraClassPath}, where they are on the driver too. Spark 3.5's Worker takes its home from the
 * {@code SPARK_HOME} environment variable (Surefire sets it to {@code jobs/target/spark-home}); the Worker hands it
 * on to the executors it launches.
 */
public final class LocalCluster {
  /** The marker line of a Spark home this class built; any other non-empty directory is left alone. */
  private static final String MARKER = "synthforge test Spark home (built from the test classpath by LocalCluster)";

  private LocalCluster() {}

  /** The master URL of {@code workers} workers with {@code cores} cores and {@code memoryMb} MiB each. */
  public static String master(int workers, int cores, int memoryMb) {
    return "local-cluster[" + workers + "," + cores + "," + memoryMb + "]";
  }

  /**
   * The settings executors of a local-cluster need, after building the Spark home: executor size, the class
   * directories, the driver's {@code --add-opens} flags (Spark 3.5 puts its own Java 17 list on the executor's
   * command line too; these keep the executors on exactly the driver's), the Scala version (the launcher reads it
   * from a Spark build tree, else from {@code SPARK_SCALA_VERSION}) and local directories under the home.
   */
  public static Map<String, String> executorSettings(int coresPerExecutor, int memoryMb) {
    Path home = sparkHome();
    List<String> directories = new ArrayList<>();
    for (String entry : classpath()) {
      if (Files.isDirectory(Path.of(entry))) {
        directories.add(entry);
      }
    }
    List<String> javaOptions = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")
          || argument.startsWith("-Djdk.reflect.")) {
        javaOptions.add(argument);
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.executor.cores", Integer.toString(coresPerExecutor));
    settings.put("spark.executor.memory", memoryMb + "m");
    settings.put("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, directories));
    settings.put("spark.executor.extraJavaOptions", String.join(" ", javaOptions));
    settings.put("spark.executorEnv.SPARK_SCALA_VERSION", scala.util.Properties.versionNumberString()
        .replaceAll("^(\\d+\\.\\d+).*", "$1"));
    settings.put("spark.local.dir", home.resolve("local").toString());
    return settings;
  }

  /**
   * Builds the Spark home named by {@code SPARK_HOME} from this JVM's classpath and returns it. Refuses a
   * directory that holds anything but a home this class built (a real Spark installation, say).
   */
  public static Path sparkHome() {
    String configured = System.getenv("SPARK_HOME");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("Cannot build a Spark home for local-cluster: SPARK_HOME is not set (Maven sets it "
          + "to jobs/target/spark-home; elsewhere set it to an empty directory under target/)");
    }
    Path home = Path.of(configured).toAbsolutePath();
    Path release = home.resolve("RELEASE");
    try {
      if (Files.isDirectory(home) && !isEmpty(home)
          && !(Files.isRegularFile(release) && Files.readString(release).startsWith(MARKER))) {
        throw new IllegalStateException("Cannot build a Spark home for local-cluster in " + home
            + ": the directory holds something else (SPARK_HOME must name an empty directory or one this test built)");
      }
      Path jars = home.resolve("jars");
      if (Files.isDirectory(jars)) {
        try (Stream<Path> links = Files.list(jars)) {
          for (Path link : links.toList()) {
            Files.delete(link);
          }
        }
      }
      Files.createDirectories(jars);
      Set<String> names = new HashSet<>();
      for (String entry : classpath()) {
        Path jar = Path.of(entry).toAbsolutePath();
        if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
          continue;
        }
        String name = jar.getFileName().toString();
        // Two artifacts may share a file name (same artifactId and version, other groups): keep both.
        for (int i = 2; !names.add(name); i++) {
          name = i + "-" + jar.getFileName();
        }
        Files.createSymbolicLink(jars.resolve(name), jar);
      }
      Files.writeString(release, MARKER + "\nSpark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "\n",
          StandardCharsets.UTF_8);
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build a Spark home for local-cluster in " + home + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until {@code count} executors are registered with {@code context} (a Worker relaunches an executor that
   * died; a fresh cluster needs a few seconds per executor JVM).
   */
  public static void awaitExecutors(SparkContext context, int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    // The status tracker lists the driver's block manager too.
    while (context.statusTracker().getExecutorInfos().length - 1 < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Cannot start " + count + " executors in " + timeoutMillis + " ms: "
            + (context.statusTracker().getExecutorInfos().length - 1)
            + " registered (see the executors' stderr under $SPARK_HOME/work)");
      }
      Thread.sleep(200);
    }
  }

  /**
   * The executor JVMs of application {@code appId} that this JVM's Workers started, by executor id, found by
   * their command line ({@code CoarseGrainedExecutorBackend ... --executor-id N ... --app-id APP}). Only this JVM's
   * descendants are searched, so other Spark applications on the machine are never touched.
   */
  public static Map<String, ProcessHandle> executorProcesses(String appId) {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    List<ProcessHandle> candidates = ProcessHandle.current().descendants()
        .sorted(Comparator.comparingLong(ProcessHandle::pid)).toList();
    for (ProcessHandle process : candidates) {
      if (!process.isAlive()) {
        continue;
      }
      Optional<String[]> arguments = process.info().arguments();
      if (arguments.isEmpty()) {
        continue;
      }
      List<String> args = List.of(arguments.get());
      if (!args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")) {
        continue;
      }
      int app = args.indexOf("--app-id");
      int id = args.indexOf("--executor-id");
      if (app >= 0 && app + 1 < args.size() && args.get(app + 1).equals(appId) && id >= 0 && id + 1 < args.size()) {
        processes.put(args.get(id + 1), process);
      }
    }
    return processes;
  }

  private static List<String> classpath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }
}
