package io.synthforge.model.bench;

import io.synthforge.io.Storage;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.nn.NativeThreads;
import io.synthforge.train.ModelBundle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * Rows per second of a trained model's own generation (features only: no Spark, no decoding, no writing).
 *
 * <pre>
 * mvn -o -q -pl pipeline test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat pipeline/cp.txt):pipeline/target/classes:pipeline/target/test-classes" \
 *   io.synthforge.model.bench.GenerationBenchmark MODEL_DIR [BLAS threads] [rows per call] [calls]
 * </pre>
 *
 * The first calls warm the JIT; the last ones are the steady rate. Besides the wall clock it prints the rate per
 * CPU-second of this thread, which a loaded machine disturbs much less.
 */
public final class GenerationBenchmark {
  private GenerationBenchmark() {}

  public static void main(String[] args) {
    String model = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    NativeThreads.limit(threads);
    GenerativeModel generator = ModelBundle.load(new Storage(new Configuration()), model).instantiate();
    float[] out = new float[rows * generator.layout().width()];
    ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    for (int call = 0; call < calls; call++) {
      long start = System.nanoTime();
      long cpu = clock.getCurrentThreadCpuTime();
      generator.generate(rows, null, new SplittableRandom(call), out);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (clock.getCurrentThreadCpuTime() - cpu) / 1e9;
      System.out.printf(Locale.ROOT, "%s: %d rows in %.1f ms = %.0f rows/s; %.0f rows per CPU-second (%.2f us/row)%n",
          generator.family(), rows, seconds * 1e3, rows / seconds, rows / cpuSeconds, cpuSeconds * 1e6 / rows);
    }
  }
}
