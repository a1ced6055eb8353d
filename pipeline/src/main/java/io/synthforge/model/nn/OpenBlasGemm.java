package io.synthforge.model.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The default backend: OpenBLAS's {@code cblas_sgemm} (the library ND4J's CPU backend links), with the operands
 * staged into reusable off-heap buffers for each product (see {@link Blas} for why heap arrays).
 */
final class OpenBlasGemm implements GemmBackend {
  static final String NAME = "openblas";

  private FloatPointer stageA = new FloatPointer(1);
  private FloatPointer stageB = new FloatPointer(1);
  private FloatPointer stageC = new FloatPointer(1);
  private long capacityA = 1;
  private long capacityB = 1;
  private long capacityC = 1;

  static void ensureLoaded() {
    Loader.load(openblas_nolapack.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      float[] b, int bOffset, float beta, float[] c, int cOffset) {
    int sizeA = m * k;
    int sizeB = k * n;
    int sizeC = m * n;
    if (sizeA > capacityA) {
      stageA = grow(stageA, sizeA);
      capacityA = sizeA;
    }
    if (sizeB > capacityB) {
      stageB = grow(stageB, sizeB);
      capacityB = sizeB;
    }
    if (sizeC > capacityC) {
      stageC = grow(stageC, sizeC);
      capacityC = sizeC;
    }
    stageA.put(a, aOffset, sizeA);
    stageB.put(b, bOffset, sizeB);
    if (beta != 0f) {
      stageC.put(c, cOffset, sizeC);
    }
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, alpha, stageA, transA ? m : k, stageB, transB ? k : n, beta, stageC, n);
    stageC.get(c, cOffset, sizeC);
  }

  private static FloatPointer grow(FloatPointer old, long size) {
    old.close();
    return new FloatPointer(size);
  }

  @Override
  public void close() {
    stageA.close();
    stageB.close();
    stageC.close();
  }
}
