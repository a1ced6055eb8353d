package io.synthforge.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The thread cap reaches OpenBLAS itself, which runs the nn package's products whatever ND4J backend is built. */
class NativeThreadsTest {

  @Test
  void limitSetsOpenBlasThreadCount() {
    int before = NativeThreads.blasThreads();
    try {
      NativeThreads.limit(1);
      assertEquals(1, NativeThreads.blasThreads());
      NativeThreads.limit(2);
      assertEquals(2, NativeThreads.blasThreads());
    } finally {
      // before the first limit OpenBLAS runs one thread per core
      NativeThreads.limit(before > 0 ? before : Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void rejectsFewerThanOneThread() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NativeThreads.limit(0));
    assertEquals("Cannot limit native threads to 0: at least 1 is needed", error.getMessage());
  }
}
