package io.synthforge.model.nn;

import org.bytedeco.openblas.presets.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the threads of the native maths libraries, so that several model steps running in one JVM (one per Spark
 * task) do not oversubscribe the cores: with {@code t} tasks per executor and {@code c} cores, call
 * {@code limit(c / t)} (usually 1) once per executor before training.
 *
 * <p>Two pools matter. OpenBLAS, which runs every matrix product of the {@code nn} package (in the CPU and the
 * CUDA build alike) and of ND4J's CPU backend, has one process-wide thread count; a call made with a count of 1
 * runs in the calling thread, so concurrent tasks each use their own core. libnd4j's OpenMP pool runs ND4J's element-wise ops (the {@code nn} package does not use
 * them, DL4J code does). The environment variables {@code OPENBLAS_NUM_THREADS} and {@code OMP_NUM_THREADS}
 * do the same but must be set before the JVM starts (e.g. {@code spark.executorEnv.*}).
 */
public final class NativeThreads {
  private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

  private static int current;

  private NativeThreads() {}

  /** Limits OpenBLAS and libnd4j to {@code threads} threads each, process-wide. */
  public static synchronized void limit(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Cannot limit native threads to " + threads + ": at least 1 is needed");
    }
    if (threads == current) {
      return; // called by every round of every worker; only a change is worth a native call and a log line
    }
    current = threads;
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    // OpenBLAS directly, not through ND4J's blas().setMaxThreads: the CPU backend's makes this same call, the CUDA
    // backend's does nothing, and the nn package runs on OpenBLAS in both builds. After ND4J, whose start-up
    // resets OpenBLAS to its own default.
    Blas.ensureLoaded();
    openblas_nolapack.blas_set_num_threads(threads);
    LOG.info("Limited native threads to {} (OpenBLAS now {}, libnd4j {})", threads, blasThreads(),
        Nd4j.getEnvironment().maxThreads());
  }

  /**
   * Limits OpenBLAS alone to {@code threads} threads, process-wide, without starting ND4J (the {@code nn} package's
   * products are all OpenBLAS's; sampling runs no ND4J op). Cheap when nothing changes: call it once per task.
   */
  public static synchronized void limitBlas(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Cannot limit native threads to " + threads + ": at least 1 is needed");
    }
    if (blasThreads() == threads) {
      return;
    }
    openblas_nolapack.blas_set_num_threads(threads);
    current = 0; // libnd4j was left as it was: the next limit() must set both again
    LOG.info("Limited OpenBLAS to {} thread(s)", blasThreads());
  }

  /** The thread count OpenBLAS uses now. */
  public static int blasThreads() {
    Blas.ensureLoaded();
    return openblas_nolapack.blas_get_num_threads();
  }
}
