package io.synthforge.model.bench;

import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.NativeThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GFLOP/s of one {@link Blas#gemm} shape on one thread, per CPU-second of the thread and per wall second. Run it
 * with {@code OPENBLAS_VERBOSE=2} to see which kernels OpenBLAS chose, and with {@code OPENBLAS_CORETYPE=...} to
 * force others.
 *
 * <pre>
 * mvn -o -q -pl pipeline test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat pipeline/cp.txt):pipeline/target/classes:pipeline/target/test-classes" \
 *   io.synthforge.model.bench.GemmBenchmark [m k n] [products per round] [rounds]
 * </pre>
 */
public final class GemmBenchmark {
  private GemmBenchmark() {}

  public static void main(String[] args) {
    int m = args.length > 2 ? Integer.parseInt(args[0]) : 1000;
    int k = args.length > 2 ? Integer.parseInt(args[1]) : 128;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int products = args.length > 3 ? Integer.parseInt(args[3]) : 400;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    NativeThreads.limitBlas(1);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    float[] c = new float[m * n];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    Blas blas = new Blas();
    ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    double flops = 2.0 * m * n * k * products;
    for (int round = 0; round < rounds; round++) {
      long cpu = clock.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int p = 0; p < products; p++) {
        blas.gemm(false, false, m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
      }
      double cpuSeconds = (clock.getCurrentThreadCpuTime() - cpu) / 1e9;
      double wallSeconds = (System.nanoTime() - wall) / 1e9;
      System.out.printf(Locale.ROOT, "%dx%d by %dx%d: %.1f GFLOP/s per CPU-second, %.1f per wall second%n", m, k, k,
          n, flops / cpuSeconds / 1e9, flops / wallSeconds / 1e9);
    }
  }
}
