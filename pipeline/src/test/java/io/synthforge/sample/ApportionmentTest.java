package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApportionmentTest {
  @Test
  void largestRemainderIsExactAndProportional() {
    assertArrayEquals(new long[] {7, 2, 1}, Apportionment.largestRemainder(10, new double[] {0.7, 0.2, 0.1}));
    assertArrayEquals(new long[] {34, 33, 33}, Apportionment.largestRemainder(100, new double[] {1, 1, 1}));
    assertArrayEquals(new long[] {0, 5, 0}, Apportionment.largestRemainder(5, new double[] {0, 3, 0}));
  }

  @Test
  void spreadKeepsEveryRowAndColumnTotal() {
    long[] segments = {3_000, 6_999, 2};
    long[] sizes = {4_096, 4_096, 1_809};
    long[][] counts = Apportionment.spread(segments, sizes);
    for (int p = 0; p < sizes.length; p++) {
      long row = 0;
      for (long count : counts[p]) {
        row += count;
      }
      assertEquals(sizes[p], row);
    }
    for (int s = 0; s < segments.length; s++) {
      long column = 0;
      for (long[] part : counts) {
        column += part[s];
      }
      assertEquals(segments[s], column);
    }
    // Every part carries its proportional share of the large segments.
    assertEquals(1_229, counts[0][0], 1);
  }
}
