package io.synthforge.sample;

import io.synthforge.demo.DemoDataFormat;
import io.synthforge.demo.DemoDataJob;
import io.synthforge.demo.DemoDataRequest;
import io.synthforge.io.Storage;
import io.synthforge.model.GenerativeModel;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TableTransformer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sampling throughput on the demo transaction table, written to zstd Parquet with local[1] and local[2], for the
 * frequency test model and a CTGAN-sized ND4J generator (and the real CTGAN when {@code -Dsynthforge.bench.ctgan}
 * names a registered family). Off by default; run with
 * {@code mvn -o test -pl pipeline -Dtest=SampleBenchmark -Dsynthforge.bench=true [-Dsynthforge.bench.rows=2000000]}.
 */
@EnabledIfSystemProperty(named = "synthforge.bench", matches = "true")
class SampleBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(SampleBenchmark.class);

  @TempDir
  Path dir;

  @Test
  void throughput() throws Exception {
    long rows = Long.getLong("synthforge.bench.rows", 2_000_000L);
    StringBuilder report = new StringBuilder();
    String model;
    SparkSession spark = LocalSpark.start("bench-setup", dir.resolve("warehouse"));
    try {
      String raw = dir.resolve("raw").toString();
      new DemoDataJob().run(spark, DemoDataRequest.builder(50_000, raw).format(DemoDataFormat.CSV).seed(1).build());
      String schema = Files.readString(Path.of(System.getProperty("user.dir"), "..", "schemas", "tables", "transactions.avsc"));
      String csv = String.join("", readAll(Path.of(raw)));
      model = TestBundles.bundle(spark, csv, schema, dir.resolve("input").toString(), dir.resolve("dataset").toString(),
          dir.resolve("model").toString());
      TableTransformer transformer = ModelBundle.load(new Storage(spark.sparkContext().hadoopConfiguration()), model)
          .transformer();
      report.append(String.format(Locale.ROOT, "table width %d features (%d spans), %d columns%n",
          transformer.layout().width(), transformer.layout().spans().size(), transformer.metadata().columns().size()));
      for (String name : List.of("frequency", "mlp")) {
        report.append(singleThread(name, transformer));
      }
    } finally {
      spark.stop();
    }
    for (String name : List.of("frequency", "mlp")) {
      for (int cores : new int[] {1, 2}) {
        report.append(job(name, model, rows, cores));
      }
    }
    report.append(memory(model));
    LOG.info("Sampling benchmark:\n{}", report);
    System.err.println("SAMPLING BENCHMARK\n" + report);
  }

  private static List<String> readAll(Path dir) throws Exception {
    List<String> parts = new java.util.ArrayList<>();
    boolean first = true;
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        parts.add(String.join("\n", first ? lines : lines.subList(1, lines.size())) + "\n");
        first = false;
      }
    }
    return parts;
  }

  private static ModelFactory factory(String name) {
    return name.equals("mlp") ? new MlpFactory() : TestModels.frequencies(0);
  }

  /** One thread, no Spark: model.generate alone, then generate + decode + fake ids + validate. */
  private String singleThread(String name, TableTransformer transformer) {
    GenerativeModel model = factory(name).create(null, transformer);
    int batch = ChunkRows.BATCH_ROWS;
    int width = transformer.layout().width();
    float[] out = new float[batch * width];
    SplittableRandom random = new SplittableRandom(1);
    int batches = name.equals("mlp") ? 60 : 150;
    for (int warm = 0; warm < 10; warm++) {
      model.generate(batch, null, random, out);
    }
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      model.generate(batch, null, random, out);
    }
    double generate = (double) batch * batches / ((System.nanoTime() - start) / 1e9);
    RowValidator validator = RowValidator.of(transformer.metadata());
    Object[] row = new Object[transformer.metadata().columns().size()];
    start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      model.generate(batch, null, random, out);
      for (int r = 0; r < batch; r++) {
        transformer.decodeInto(out, r * width, row);
        row[0] = "T000000000000";
        row[1] = "C000000000";
        validator.violation(row);
      }
    }
    double decoded = (double) batch * batches / ((System.nanoTime() - start) / 1e9);
    String line = String.format(Locale.ROOT, "%-9s 1 thread, no Spark: generate %,.0f rows/s; generate+decode+validate "
        + "%,.0f rows/s%n", name, generate, decoded);
    if (model instanceof MlpGeneratorModel) {
      line += String.format(Locale.ROOT, "%-9s generator parameters: %,d%n", name, ((MlpGeneratorModel) model).parameters());
    }
    return line;
  }

  private String job(String name, String model, long rows, int cores) {
    SparkSession spark = SparkSession.builder().appName("bench").master("local[" + cores + "]")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
    try {
      long target = name.equals("mlp") ? rows / 2 : rows;
      // Warm-up: JIT, ND4J and Parquet codecs.
      new SampleJob(spark, factory(name)).run(SampleRequest.builder(model, 200_000, dir.resolve("warm-" + name + cores)
          .toString()).build());
      long start = System.nanoTime();
      SampleResult result = new SampleJob(spark, factory(name)).run(SampleRequest.builder(model, target,
          dir.resolve("bench-" + name + cores).toString()).partitions(cores * 2).build());
      double seconds = (System.nanoTime() - start) / 1e9;
      long bytes = size(dir.resolve("bench-" + name + cores));
      return String.format(Locale.ROOT, "%-9s local[%d]: %,d rows to Parquet in %.1f s = %,.0f rows/s (%,.1f MB, %d "
          + "chunks)%n", name, cores, result.rows(), seconds, result.rows() / seconds, bytes / 1e6, result.chunks());
    } finally {
      spark.stop();
    }
  }

  /** Used heap after a full GC when sampling 10k rows, then 10M (the driver collects no rows). */
  private String memory(String model) {
    SparkSession spark = SparkSession.builder().appName("bench-memory").master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
    try {
      StringBuilder text = new StringBuilder();
      for (long rows : new long[] {10_000L, Long.getLong("synthforge.bench.memory-rows", 10_000_000L)}) {
        new SampleJob(spark, factory("frequency")).run(SampleRequest.builder(model, rows, dir.resolve("memory-" + rows)
            .toString()).build());
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        text.append(String.format(Locale.ROOT, "driver heap after GC, %,d rows sampled: %,.1f MB%n", rows, used / 1e6));
      }
      return text.toString();
    } finally {
      spark.stop();
    }
  }

  private static long size(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  /** The CTGAN-sized ND4J generator. */
  private static final class MlpFactory implements ModelFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public GenerativeModel create(ModelSnapshot snapshot, TableTransformer transformer) {
      return new MlpGeneratorModel(transformer, 11);
    }
  }
}
