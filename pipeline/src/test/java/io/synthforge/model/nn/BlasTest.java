package io.synthforge.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.UsageException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlasTest {
  @Test
  void defaultBackendIsOpenBlas() {
    assertEquals("openblas", new Blas().backendName());
  }

  @Test
  void unknownBackendNamesTheFix() {
    UsageException error = assertThrows(UsageException.class, () -> Blas.create("cuda"));
    assertEquals("Cannot use BLAS backend 'cuda' (synthforge.blas): the classpath has openblas; put the "
        + "synthforge-gpu jar (mvn -Pgpu) and its CUDA 13 presets on the classpath", error.getMessage());
  }

  /** Every transposition, at offsets, with and without accumulation, against a plain triple loop. */
  @Test
  void productsMatchTheDefinition() {
    SplittableRandom random = new SplittableRandom(1);
    Blas blas = new Blas();
    int m = 7;
    int n = 5;
    int k = 3;
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        for (float beta : new float[] {0f, 1f}) {
          float[] a = fill(random, 2 + m * k);
          float[] b = fill(random, 3 + k * n);
          float[] c = fill(random, 1 + m * n);
          float[] expected = c.clone();
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double sum = 0;
              for (int p = 0; p < k; p++) {
                float x = transA ? a[2 + p * m + i] : a[2 + i * k + p];
                float y = transB ? b[3 + j * k + p] : b[3 + p * n + j];
                sum += x * y;
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
