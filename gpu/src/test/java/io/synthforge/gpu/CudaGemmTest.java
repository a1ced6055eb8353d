package io.synthforge.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.GemmBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs with or without a GPU: without one (CI, the development machine) the backend must fail with a message that
 * names what is missing; with one, its products must match the definition.
 */
class CudaGemmTest {
  @Test
  void cudaIsOfferedAsAService() {
    CudaException expectedOrNone = null;
    GemmBackend backend = null;
    try {
      backend = Blas.create("cuda");
    } catch (CudaException e) {
      expectedOrNone = e;
    }
    if (expectedOrNone != null) {
      assertTrue(expectedOrNone.getMessage().startsWith("Cannot start the cuda BLAS backend: "),
          expectedOrNone.getMessage());
      assertTrue(expectedOrNone.getMessage().endsWith("it needs an NVIDIA driver (libcuda.so.1) and CUDA 13's "
          + "libcudart.so.13 and libcublas.so.13 on the library path"), expectedOrNone.getMessage());
      return;
    }
    try (GemmBackend gpu = backend) {
      assertEquals("cuda", gpu.name());
      productsMatchTheDefinition(new Blas(gpu));
    }
  }

  private static void productsMatchTheDefinition(Blas blas) {
    SplittableRandom random = new SplittableRandom(1);
    int m = 7;
    int n = 5;
    int k = 3;
    for (int t = 0; t < 8; t++) {
      boolean transA = (t & 1) != 0;
      boolean transB = (t & 2) != 0;
      float beta = (t & 4) != 0 ? 1f : 0f;
      float[] a = fill(random, 2 + m * k);
      float[] b = fill(random, 3 + k * n);
      float[] c = fill(random, 1 + m * n);
      float[] expected = c.clone();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int p = 0; p < k; p++) {
            sum += (transA ? a[2 + p * m + i] : a[2 + i * k + p]) * (transB ? b[3 + j * k + p] : b[3 + p * n + j]);
          }
          expected[1 + i * n + j] = (float) (0.5 * sum + beta * c[1 + i * n + j]);
        }
      }
      blas.gemm(transA, transB, m, n, k, 0.5f, a, 2, b, 3, beta, c, 1);
      for (int i = 0; i < c.length; i++) {
        assertEquals(expected[i], c[i], 1e-5, "transA " + transA + ", transB " + transB + ", beta " + beta);
      }
    }
  }

  private static float[] fill(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }
}
