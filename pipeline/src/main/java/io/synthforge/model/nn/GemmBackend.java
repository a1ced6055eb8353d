package io.synthforge.model.nn;

/**
 * One implementation of {@link Blas#gemm}: row-major single-precision products on heap arrays. OpenBLAS is the
 * built-in one ({@code openblas}); others come from a {@link GemmBackendProvider} on the classpath (the
 * {@code synthforge-gpu} module's {@code cuda}). Not thread-safe: each {@link Blas}, so each model, owns one.
 */
public interface GemmBackend extends AutoCloseable {
  /** The backend's name, as {@code synthforge.blas} selects it. */
  String name();

  /** {@code C = alpha * op(A) * op(B) + beta * C}, with the layout documented at {@link Blas#gemm}. */
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, float[] b,
      int bOffset, float beta, float[] c, int cOffset);

  /** Frees the backend's native buffers; the backend is unusable afterwards. */
  @Override
  void close();
}
