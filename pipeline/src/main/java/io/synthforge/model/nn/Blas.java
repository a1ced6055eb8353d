package io.synthforge.model.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major single-precision matrix products on heap arrays, run by OpenBLAS (the library ND4J's CPU backend
 * links). Not thread-safe: each model owns one.
 *
 * <p>Why not {@code INDArray}s: at these shapes (hundreds of rows and columns) an ND4J element-wise op costs
 * 35-60 µs of fixed overhead whatever its size, and Java loops over off-heap memory do not vectorise, while a
 * Java loop over a heap {@code float[]} touches 128k floats in about 16 µs. So activations, parameters and
 * gradients live on the heap and are copied ("staged") into reusable off-heap buffers for each product; the
 * copies run at memory speed and cost a few percent of the product.
 */
public final class Blas {
  private FloatPointer stageA = new FloatPointer(1);
  private FloatPointer stageB = new FloatPointer(1);
  private FloatPointer stageC = new FloatPointer(1);
  private long capacityA = 1;
  private long capacityB = 1;
  private long capacityC = 1;

  static void ensureLoaded() {
    Loader.load(openblas_nolapack.class);
  }

  /**
   * {@code C = alpha * op(A) * op(B) + beta * C}, with {@code op(A)} of {@code m x k} and {@code op(B)} of
   * {@code k x n}, all three contiguous and row-major at the given offsets ({@code A} is stored {@code k x m} when
   * {@code transA}, {@code B} is stored {@code n x k} when {@code transB}).
   */
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      float[] b, int bOffset, float beta, float[] c, int cOffset) {
    if (m == 0 || n == 0) {
      return;
    }
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
}
