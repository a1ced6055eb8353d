package io.synthforge.model.bench;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.NativeThreads;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Step time (and optionally a quality proxy) of a model family on the Adult census table, without Spark.
 *
 * <pre>
 * mvn -o -q -pl pipeline test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat cp.txt):pipeline/target/classes:pipeline/target/test-classes" \
 *   io.synthforge.model.bench.AdultBenchmark ctgan 1 500 100 [epochs [name=value,...]]
 * </pre>
 *
 * Arguments: family, BLAS threads, batch size, timed steps, epochs of training for the quality proxy, then the
 * family's parameters (as {@code --param} takes them, comma-separated). The quality proxy is, per
 * column: total-variation distance of the category shares, or Kolmogorov-Smirnov distance of the values, of
 * generated against real rows. Wall time is what a user waits; thread CPU time is the step's own cost, which
 * stays meaningful when other processes share the cores (with one BLAS thread every product runs in the calling
 * thread).
 */
public final class AdultBenchmark {
  private static final List<String> CONTINUOUS = List.of("age", "fnlwgt", "education-num", "capital-gain",
      "capital-loss", "hours-per-week");

  private AdultBenchmark() {}

  public static void main(String[] args) throws IOException {
    String family = args.length > 0 ? args[0] : "ctgan";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int timedSteps = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int epochs = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Map<String, String> params = new java.util.LinkedHashMap<>();
    if (args.length > 5) {
      for (String pair : args[5].split(",")) {
        String[] nameValue = pair.split("=", 2);
        params.put(nameValue[0].trim(), nameValue[1].trim());
      }
    }
    NativeThreads.limit(threads);
    Path csv = Paths.get(System.getProperty("synthforge.shared.data", "/work/shared/data"), "adult.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    List<ColumnSpec> columns = new ArrayList<>();
    for (String name : header) {
      boolean continuous = CONTINUOUS.contains(name.trim());
      columns.add(ColumnSpec.builder(name.trim(), continuous ? ColumnType.DOUBLE : ColumnType.STRING,
          continuous ? ColumnRole.CONTINUOUS : name.trim().equals("income") ? ColumnRole.LABEL : ColumnRole.CATEGORICAL)
          .build());
    }
    TableMetadata metadata = TableMetadata.of("adult", columns);
    Object[][] rows = new Object[lines.size() - 1][];
    for (int r = 1; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",", -1);
      Object[] row = new Object[header.length];
      for (int c = 0; c < header.length; c++) {
        String cell = cells[c].trim();
        row[c] = CONTINUOUS.contains(header[c].trim()) ? (Object) Double.parseDouble(cell) : cell;
      }
      rows[r - 1] = row;
    }
    TableTransformer transformer = TableTransformer.fit(metadata, ModelFixtures.profiles(metadata, rows),
        TransformOptions.defaults(), 1L);
    OutputLayout layout = transformer.layout();
    float[] compact = new float[rows.length * layout.spans().size()];
    float[] dense = new float[layout.width()];
    for (int r = 0; r < rows.length; r++) {
      transformer.encodeInto(rows[r], dense, 0);
      layout.compact(dense, 0, compact, r * layout.spans().size());
    }
    TrainingData data = TrainingData.of(layout, compact, rows.length);
    System.out.printf("adult: %d rows, layout width %d, condition width %d, %d spans%n", rows.length,
        layout.width(), layout.conditionWidth(), layout.spans().size());

    System.out.printf("BLAS calibration (500x256x256 sgemm, thread CPU): %.1f GFLOP/s%n", calibrate());
    ModelFamily modelFamily = ModelFamilies.named(family);
    GenerativeModel model = modelFamily.create(modelFamily.spec(params), transformer, 42L);
    System.out.printf("%s: %d parameters, %d updater values%n", family, model.state().parameterCount(),
        model.state().updaterStateCount());
    SplittableRandom random = new SplittableRandom(1);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 30; i++) {
      model.step(data, batch, random);
    }
    double[] wall = new double[timedSteps];
    double[] cpu = new double[timedSteps];
    for (int i = 0; i < timedSteps; i++) {
      long w0 = System.nanoTime();
      long c0 = bean.getCurrentThreadCpuTime();
      model.step(data, batch, random);
      cpu[i] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
      wall[i] = (System.nanoTime() - w0) / 1e6;
    }
    System.out.printf("%s step, batch %d, %d BLAS threads: wall median %.2f ms (min %.2f), thread CPU median %.2f ms"
        + " (min %.2f)%n", family, batch, threads, median(wall), min(wall), median(cpu), min(cpu));
    int generated = 10_000;
    float[] out = new float[generated * layout.width()];
    long w0 = System.nanoTime();
    model.generate(generated, null, new SplittableRandom(2), out);
    System.out.printf("generate: %.2f ms per 1k rows%n", (System.nanoTime() - w0) / 1e6 / (generated / 1000.0));
    if (epochs > 0) {
      train(model, data, batch, epochs, random);
      quality(transformer, model, rows);
    }
  }

  private static void train(GenerativeModel model, TrainingData data, int batch, int epochs, SplittableRandom random) {
    int stepsPerEpoch = Math.max(1, data.rows() / batch);
    long start = System.nanoTime();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Map<String, Double> losses = null;
      for (int i = 0; i < stepsPerEpoch; i++) {
        losses = model.step(data, batch, random);
      }
      System.out.printf("epoch %d %s (%.1f s)%n", epoch + 1, losses, (System.nanoTime() - start) / 1e9);
    }
  }

  private static void quality(TableTransformer transformer, GenerativeModel model, Object[][] real) {
    int n = real.length;
    float[] features = new float[n * transformer.layout().width()];
    model.generate(n, null, new SplittableRandom(3), features);
    Object[][] fake = transformer.decodeRows(features, n);
    double sumTvd = 0;
    double sumKs = 0;
    int discrete = 0;
    int numeric = 0;
    List<ColumnSpec> columns = transformer.metadata().columns();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).name();
      if (CONTINUOUS.contains(name)) {
        double ks = ks(real, fake, c);
        sumKs += ks;
        numeric++;
        System.out.printf("  %-16s KS  %.3f%n", name, ks);
      } else {
        double tvd = tvd(real, fake, c);
        sumTvd += tvd;
        discrete++;
        System.out.printf("  %-16s TVD %.3f%n", name, tvd);
      }
    }
    System.out.printf("quality: mean TVD %.3f over %d discrete columns, mean KS %.3f over %d numeric columns%n",
        sumTvd / discrete, discrete, sumKs / numeric, numeric);
  }

  private static double tvd(Object[][] real, Object[][] fake, int c) {
    Map<Object, Double> shares = new java.util.HashMap<>();
    for (Object[] row : real) {
      shares.merge(String.valueOf(row[c]), 1.0 / real.length, Double::sum);
    }
    for (Object[] row : fake) {
      shares.merge(String.valueOf(row[c]), -1.0 / fake.length, Double::sum);
    }
    return shares.values().stream().mapToDouble(Math::abs).sum() / 2;
  }

  private static double ks(Object[][] real, Object[][] fake, int c) {
    double[] a = Arrays.stream(real).mapToDouble(row -> ((Number) row[c]).doubleValue()).sorted().toArray();
    double[] b = Arrays.stream(fake).mapToDouble(row -> ((Number) row[c]).doubleValue()).sorted().toArray();
    int i = 0;
    int j = 0;
    double worst = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
      worst = Math.max(worst, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return worst;
  }

  /** This machine's BLAS speed right now, to read step times against (shared cores make it vary 4x). */
  private static double calibrate() {
    io.synthforge.model.nn.Blas blas = new io.synthforge.model.nn.Blas();
    float[] a = new float[500 * 256];
    float[] b = new float[256 * 256];
    float[] c = new float[500 * 256];
    Arrays.fill(a, 0.5f);
    Arrays.fill(b, 0.25f);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 50; i++) {
      blas.gemm(false, false, 500, 256, 256, 1f, a, 0, b, 0, 0f, c, 0);
    }
    long start = bean.getCurrentThreadCpuTime();
    for (int i = 0; i < 200; i++) {
      blas.gemm(false, false, 500, 256, 256, 1f, a, 0, b, 0, 0f, c, 0);
    }
    double seconds = (bean.getCurrentThreadCpuTime() - start) / 1e9;
    return 200 * 2.0 * 500 * 256 * 256 / seconds / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

}
