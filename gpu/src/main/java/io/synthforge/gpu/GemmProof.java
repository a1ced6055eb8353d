package io.synthforge.gpu;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.Blas;
import io.synthforge.transform.ColumnProfile;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformOptions;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proof that synthforge's own model maths trains on a GPU through {@code synthforge.blas=cuda}: the same seeded
 * training steps, on the Adult census table, with the OpenBLAS and the cuBLAS backend, in separate JVMs (their
 * JavaCPP versions, 1.5.7 and 1.5.13, cannot share one), then a comparison of the two runs.
 *
 * <pre>
 * # CPU: classpath = pipeline classes, this jar, slf4j-api, javacpp 1.5.7 (+linux-x86_64), openblas 0.3.19-1.5.7 (+linux-x86_64)
 * java -Dsynthforge.blas=openblas -cp CPU_CP io.synthforge.gpu.GemmProof train adult.csv 300 500 out/cpu tvae ctgan
 * # GPU: classpath = pipeline classes, this jar, slf4j-api, javacpp 1.5.13 (+linux-x86_64), cuda 13.1-9.19-1.5.13 (+linux-x86_64)
 * java -Dsynthforge.blas=cuda -cp GPU_CP io.synthforge.gpu.GemmProof train adult.csv 300 500 out/cuda tvae ctgan
 * java -cp CPU_CP io.synthforge.gpu.GemmProof compare out/cpu out/cuda tvae ctgan
 * </pre>
 *
 * {@code train} first checks the backend's products at the Adult shapes against a double-precision loop, then per
 * family builds the model (seed 42), runs the steps (batch rows drawn with seed 1), prints every tenth step's
 * losses and the step times (median and minimum after 20 warm-up steps), times the generation of 10,000 rows and
 * writes {@code FAMILY.losses} (every step) and {@code FAMILY.params} (the final parameters, big-endian floats;
 * also {@code FAMILY@1.params}, {@code @10} and {@code @100}) into the output folder; {@code compare} takes a
 * family or {@code FAMILY@STEP}. {@code compare} prints the two loss trajectories side by side and the differences of
 * the final parameters. The step time is wall time of the whole step: the products plus the Java code around them.
 */
public final class GemmProof {
  private static final List<String> CONTINUOUS = List.of("age", "fnlwgt", "education-num", "capital-gain",
      "capital-loss", "hours-per-week");
  private static final int WARM_UP = 20;
  /** Steps after which {@code train} also writes {@code FAMILY@STEP.params}; {@code compare} takes FAMILY@STEP. */
  private static final List<Integer> CHECKPOINTS = List.of(1, 10, 100);

  private GemmProof() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 6 && args[0].equals("train")) {
      train(Paths.get(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Paths.get(args[4]),
          Arrays.copyOfRange(args, 5, args.length));
    } else if (args.length >= 4 && args[0].equals("compare")) {
      for (int i = 3; i < args.length; i++) {
        compare(Paths.get(args[1]), Paths.get(args[2]), args[i]);
      }
    } else {
      System.err.println("usage: GemmProof train ADULT_CSV STEPS BATCH OUT_DIR FAMILY... | compare DIR_A DIR_B FAMILY...");
      System.exit(2);
    }
  }

  private static void train(Path csv, int steps, int batch, Path out, String[] families) throws IOException {
    Files.createDirectories(out);
    Blas blas = new Blas();
    System.out.printf("backend: %s (%s=%s)%n", blas.backendName(), Blas.BACKEND_PROPERTY,
        System.getProperty(Blas.BACKEND_PROPERTY));
    if (blas.backendName().equals(CudaGemm.NAME)) {
      System.out.println("device: " + CudaGemm.describe() + ", TF32 " + Boolean.getBoolean(CudaGemm.TF32_PROPERTY));
    } else {
      System.out.println("OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS") + ", cores "
          + Runtime.getRuntime().availableProcessors());
    }
    long t0 = System.nanoTime();
    TableTransformer transformer = adult(csv);
    OutputLayout layout = transformer.layout();
    TrainingData data = encode(transformer, csv);
    System.out.printf("adult: %d rows, layout width %d, condition width %d, fitted and encoded in %.1f s%n",
        data.rows(), layout.width(), layout.conditionWidth(), (System.nanoTime() - t0) / 1e9);
    checkProducts(blas, batch, layout.width());
    timeProducts(blas, batch, layout.width());
    for (String family : families) {
      run(family, transformer, data, steps, batch, out);
    }
  }

  /** Every transposition at {@code rows x width x 128}, against a double-precision loop. */
  private static void checkProducts(Blas blas, int rows, int width) {
    SplittableRandom random = new SplittableRandom(7);
    int[][] shapes = {{rows, 128, width}, {width, 128, rows}, {rows, width, 128}};
    double worst = 0;
    for (int[] shape : shapes) {
      int m = shape[0];
      int n = shape[1];
      int k = shape[2];
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0;
        boolean transB = (t & 2) != 0;
        float[] a = fill(random, m * k);
        float[] b = fill(random, k * n);
        float[] c = fill(random, m * n);
        float[] c0 = c.clone();
        blas.gemm(transA, transB, m, n, k, 1f, a, 0, b, 0, 1f, c, 0);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double sum = c0[i * n + j];
            double scale = Math.abs(c0[i * n + j]);
            for (int p = 0; p < k; p++) {
              double x = transA ? a[p * m + i] : a[i * k + p];
              double y = transB ? b[j * k + p] : b[p * n + j];
              sum += x * y;
              scale += Math.abs(x * y);
            }
            worst = Math.max(worst, Math.abs(c[i * n + j] - sum) / scale);
          }
        }
      }
    }
    System.out.printf("products: 12 checked (3 shapes x 4 transpositions, beta 1), max |error| / sum|terms| %.2e%n",
        worst);
  }

  /** Microseconds per product at a tvae layer's shapes: forward, weight gradient, input gradient. */
  private static void timeProducts(Blas blas, int rows, int width) {
    SplittableRandom random = new SplittableRandom(8);
    float[] x = fill(random, rows * width);
    float[] w = fill(random, width * 128);
    float[] y = fill(random, rows * 128);
    float[] gradient = new float[width * 128];
    float[] dx = new float[rows * width];
    StringBuilder line = new StringBuilder("products at batch " + rows + ", width " + width + " -> 128 (us each):");
    for (int pass = 0; pass < 2; pass++) {
      int count = pass == 0 ? 200 : 2000;
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        blas.gemm(false, false, rows, 128, width, 1f, x, 0, w, 0, 0f, y, 0);
      }
      long forward = System.nanoTime();
      for (int i = 0; i < count; i++) {
        blas.gemm(true, false, width, 128, rows, 1f, x, 0, y, 0, 1f, gradient, 0);
      }
      long weights = System.nanoTime();
      for (int i = 0; i < count; i++) {
        blas.gemm(false, true, rows, width, 128, 1f, y, 0, w, 0, 0f, dx, 0);
      }
      long inputs = System.nanoTime();
      if (pass == 1) {
        line.append(String.format(Locale.ROOT, " x W %.1f, x^T dy (beta 1) %.1f, dy W^T %.1f",
            (forward - start) / 1e3 / count, (weights - forward) / 1e3 / count, (inputs - weights) / 1e3 / count));
      }
    }
    System.out.println(line);
    if (blas.backendName().equals(CudaGemm.NAME)) {
      try (CudaGemm gpu = new CudaGemm()) {
        System.out.printf(Locale.ROOT, "same products with the operands resident on the device (us each): x W %.1f,"
            + " x^T dy %.1f, dy W^T %.1f; one host-to-device copy of x (%d floats, heap -> pinned -> device) %.1f%n",
            gpu.residentMicros(false, false, rows, 128, width, 2000),
            gpu.residentMicros(true, false, width, 128, rows, 2000),
            gpu.residentMicros(false, true, rows, width, 128, 2000), rows * width,
            gpu.copyMicros(x, rows * width, 2000));
      }
    }
  }

  private static void run(String family, TableTransformer transformer, TrainingData data, int steps, int batch,
      Path out) throws IOException {
    ModelFamily modelFamily = ModelFamilies.named(family);
    GenerativeModel model = modelFamily.create(modelFamily.spec(Map.of()), transformer, 42L);
    System.out.printf("%s: %d parameters, %d steps of batch %d%n", family, model.state().parameterCount(), steps,
        batch);
    SplittableRandom random = new SplittableRandom(1);
    double[] millis = new double[steps];
    long[] before = totals();
    try (PrintWriter losses = new PrintWriter(Files.newBufferedWriter(out.resolve(family + ".losses")))) {
      for (int i = 0; i < steps; i++) {
        long start = System.nanoTime();
        Map<String, Double> values = model.step(data, batch, random);
        millis[i] = (System.nanoTime() - start) / 1e6;
        StringBuilder line = new StringBuilder().append(i + 1);
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        losses.println(line.append(String.format(Locale.ROOT, " ms=%.3f", millis[i])));
        if ((i + 1) % 10 == 0 || i == 0) {
          System.out.println(family + " step " + line);
        }
        if (CHECKPOINTS.contains(i + 1)) {
          writeParameters(model.state().parameters(), out.resolve(family + "@" + (i + 1) + ".params"));
        }
      }
    }
    long[] after = totals();
    double[] timed = Arrays.copyOfRange(millis, Math.min(WARM_UP, steps - 1), steps);
    Arrays.sort(timed);
    System.out.printf("%s step: median %.3f ms, min %.3f ms, mean %.3f ms over steps %d-%d; total %.2f s%n", family,
        timed[timed.length / 2], timed[0], Arrays.stream(timed).average().orElse(0), steps - timed.length + 1,
        steps, Arrays.stream(millis).sum() / 1e3);
    if (after[0] > before[0]) {
      double perStep = 1.0 / steps;
      System.out.printf("%s per step on the GPU: %.0f products, %.2f MB to the device, %.2f MB back, %.1f MFLOP%n",
          family, (after[0] - before[0]) * perStep, (after[1] - before[1]) * perStep / 1e6,
          (after[2] - before[2]) * perStep / 1e6, (after[3] - before[3]) * perStep / 1e6);
    }
    int generated = 10_000;
    float[] rows = new float[generated * transformer.layout().width()];
    model.generate(generated, null, new SplittableRandom(2), rows); // warm
    long start = System.nanoTime();
    model.generate(generated, null, new SplittableRandom(2), rows);
    System.out.printf("%s generate: %.2f ms per 1k rows (10k rows)%n", family,
        (System.nanoTime() - start) / 1e6 / (generated / 1000.0));
    writeParameters(model.state().parameters(), out.resolve(family + ".params"));
  }

  private static void writeParameters(float[] parameters, Path path) throws IOException {
    try (OutputStream file = Files.newOutputStream(path); DataOutputStream stream = new DataOutputStream(file)) {
      stream.writeInt(parameters.length);
      for (float value : parameters) {
        stream.writeFloat(value);
      }
    }
  }

  /** The GPU backend's traffic counters, zeros when it is not in use (its class then never loads natives). */
  private static long[] totals() {
    return System.getProperty(Blas.BACKEND_PROPERTY, "").equals(CudaGemm.NAME) ? CudaGemm.totals() : new long[4];
  }

  private static void compare(Path first, Path second, String family) throws IOException {
    String name = family.contains("@") ? family.substring(0, family.indexOf('@')) : family;
    List<String> a = Files.readAllLines(first.resolve(name + ".losses"));
    List<String> b = Files.readAllLines(second.resolve(name + ".losses"));
    if (family.contains("@")) {
      int last = Integer.parseInt(family.substring(family.indexOf('@') + 1));
      a = a.subList(0, Math.min(last, a.size()));
      b = b.subList(0, Math.min(last, b.size()));
    }
    System.out.printf("%s losses, %s vs %s (first key of each step):%n", family, first, second);
    double worst = 0;
    int steps = Math.min(a.size(), b.size());
    for (int i = 0; i < steps; i++) {
      double x = firstLoss(a.get(i));
      double y = firstLoss(b.get(i));
      worst = Math.max(worst, Math.abs(x - y) / Math.max(1e-12, Math.abs(x)));
      if (i < 5 || (i + 1) % 25 == 0 || i == steps - 1) {
        System.out.printf(Locale.ROOT, "  step %4d  %12.6f  %12.6f  diff %.3e%n", i + 1, x, y, x - y);
      }
    }
    System.out.printf("%s: max relative loss difference over %d steps %.3e%n", family, steps, worst);
    float[] p = readParameters(first.resolve(family + ".params"));
    float[] q = readParameters(second.resolve(family + ".params"));
    double maxAbs = 0;
    double maxValue = 0;
    double maxRelative = 0;
    double maxRelativeFloored = 0;
    double squares = 0;
    double norm = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.abs(p[i] - q[i]);
      double scale = Math.max(Math.abs(p[i]), Math.abs(q[i]));
      maxAbs = Math.max(maxAbs, d);
      maxValue = Math.max(maxValue, Math.abs(p[i]));
      if (scale > 0) {
        maxRelative = Math.max(maxRelative, d / scale);
      }
      maxRelativeFloored = Math.max(maxRelativeFloored, d / Math.max(scale, 1e-3));
      squares += d * d;
      norm += (double) p[i] * p[i];
    }
    System.out.printf("%s final parameters (%d): max |a-b| %.3e (max |a| %.3e); max |a-b|/max(|a|,|b|) %.3e,"
        + " same with the denominator floored at 1e-3 %.3e; ||a-b||/||a|| %.3e%n", family, p.length, maxAbs, maxValue,
        maxRelative, maxRelativeFloored, Math.sqrt(squares / norm));
  }

  private static double firstLoss(String line) {
    String field = line.split(" ")[1];
    return Double.parseDouble(field.substring(field.indexOf('=') + 1));
  }

  private static float[] readParameters(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path); DataInputStream stream = new DataInputStream(in)) {
      float[] values = new float[stream.readInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = stream.readFloat();
      }
      return values;
    }
  }

  private static float[] fill(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }

  /** The Adult table's transformer, fitted as the benchmark does (seed 1) from profiles computed here. */
  private static TableTransformer adult(Path csv) throws IOException {
    Object[][] rows = rows(csv);
    TableMetadata metadata = metadata(csv);
    Map<String, ColumnProfile> profiles = new HashMap<>();
    for (ColumnSpec column : metadata.learnedColumns()) {
      int index = metadata.indexOf(column.name());
      if (column.role().isDiscrete()) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
          counts.merge(String.valueOf(row[index]), 1L, Long::sum);
        }
        profiles.put(column.name(), ColumnProfile.discrete(column.name(), rows.length, 0, counts));
      } else {
        double[] sample = new double[rows.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows.length; r++) {
          sample[r] = (Double) rows[r][index];
          min = Math.min(min, sample[r]);
          max = Math.max(max, sample[r]);
        }
        profiles.put(column.name(), ColumnProfile.numeric(column.name(), rows.length, 0, min, max, sample));
      }
    }
    return TableTransformer.fit(metadata, profiles, TransformOptions.defaults(), 1L);
  }

  private static TrainingData encode(TableTransformer transformer, Path csv) throws IOException {
    Object[][] rows = rows(csv);
    OutputLayout layout = transformer.layout();
    float[] compact = new float[rows.length * layout.spans().size()];
    float[] dense = new float[layout.width()];
    for (int r = 0; r < rows.length; r++) {
      transformer.encodeInto(rows[r], dense, 0);
      layout.compact(dense, 0, compact, r * layout.spans().size());
    }
    return TrainingData.of(layout, compact, rows.length);
  }

  private static TableMetadata metadata(Path csv) throws IOException {
    List<ColumnSpec> columns = new ArrayList<>();
    for (String cell : header(csv)) {
      String name = cell.trim();
      boolean continuous = CONTINUOUS.contains(name);
      columns.add(ColumnSpec.builder(name, continuous ? ColumnType.DOUBLE : ColumnType.STRING,
          continuous ? ColumnRole.CONTINUOUS : name.equals("income") ? ColumnRole.LABEL : ColumnRole.CATEGORICAL)
          .build());
    }
    return TableMetadata.of("adult", columns);
  }

  private static String[] header(Path csv) throws IOException {
    return Files.newBufferedReader(csv, StandardCharsets.UTF_8).readLine().split(",");
  }

  private static Object[][] rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
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
    return rows;
  }
}
