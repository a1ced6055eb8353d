package io.synthforge.model.nn;

import io.synthforge.api.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Row-major single-precision matrix products on heap arrays, run by a {@link GemmBackend}: OpenBLAS (the library
 * ND4J's CPU backend links) unless the system property {@value #BACKEND_PROPERTY} names another one found as a
 * {@link GemmBackendProvider} on the classpath ({@code cuda}: cuBLAS, from the {@code synthforge-gpu} module; see
 * docs/gpu.md). Not thread-safe: each model owns one.
 *
 * <p>Why not {@code INDArray}s: at these shapes (hundreds of rows and columns) an ND4J element-wise op costs
 * 35-60 µs of fixed overhead whatever its size, and Java loops over off-heap memory do not vectorise, while a
 * Java loop over a heap {@code float[]} touches 128k floats in about 16 µs. So activations, parameters and
 * gradients live on the heap and are copied ("staged") into reusable native buffers for each product; the
 * copies run at memory speed and cost a few percent of the product. A GPU backend pays for this seam: every
 * product's operands cross PCIe both ways.
 */
public final class Blas {
  /** The system property that selects the backend; {@value #DEFAULT_BACKEND} when unset. */
  public static final String BACKEND_PROPERTY = "synthforge.blas";
  /** The backend used when {@value #BACKEND_PROPERTY} is unset. */
  public static final String DEFAULT_BACKEND = OpenBlasGemm.NAME;

  private final GemmBackend backend;

  /** Products by the backend that {@value #BACKEND_PROPERTY} names (OpenBLAS when unset). */
  public Blas() {
    this(create(System.getProperty(BACKEND_PROPERTY, DEFAULT_BACKEND)));
  }

  /** Products by {@code backend}, which this object now owns. */
  public Blas(GemmBackend backend) {
    this.backend = backend;
  }

  /**
   * A new backend named {@code name}: {@value #DEFAULT_BACKEND}, or one a {@link GemmBackendProvider} on the
   * classpath offers.
   */
  public static GemmBackend create(String name) {
    if (name.equals(OpenBlasGemm.NAME)) {
      return new OpenBlasGemm();
    }
    List<String> known = new ArrayList<>(List.of(OpenBlasGemm.NAME));
    for (GemmBackendProvider provider : ServiceLoader.load(GemmBackendProvider.class, Blas.class.getClassLoader())) {
      if (provider.name().equals(name)) {
        return provider.create();
      }
      known.add(provider.name());
    }
    throw new UsageException("Cannot use BLAS backend '" + name + "' (" + BACKEND_PROPERTY + "): the classpath has "
        + String.join(", ", known) + (name.equals("cuda") ? "; put the synthforge-gpu jar (mvn -Pgpu) and its "
        + "CUDA 13 presets on the classpath" : ""));
  }

  static void ensureLoaded() {
    OpenBlasGemm.ensureLoaded();
  }

  /** The backend's name. */
  public String backendName() {
    return backend.name();
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
    backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
  }
}
