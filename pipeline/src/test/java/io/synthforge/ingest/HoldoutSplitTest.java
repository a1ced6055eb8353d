package io.synthforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HoldoutSplitTest {
  @Test
  void theSplitDependsOnTheFileNameNotOnItsDirectory() {
    for (long offset = 0; offset < 2000; offset += 37) {
      RawRecord here = RawRecord.of("file:/tmp/a/adult.csv", offset, null, "x", new String[] {"x"});
      RawRecord there = RawRecord.of("hdfs://nn:8020/landing/adult.csv", offset, null, "x", new String[] {"x"});
      assertEquals(HoldoutSplit.isHoldout(here, 42, 0.2), HoldoutSplit.isHoldout(there, 42, 0.2), "offset " + offset);
    }
  }

  @Test
  void holdsOutAboutTheAskedShare() {
    int held = 0;
    int rows = 20_000;
    for (int i = 0; i < rows; i++) {
      if (HoldoutSplit.isHoldout(RawRecord.of("file:/d/part-0.csv", 100L * i, null, "x", new String[] {"x"}), 7, 0.2)) {
        held++;
      }
    }
    // Binomial(20000, 0.2) has a standard deviation of about 57 rows; 4 of them is 226.
    assertEquals(4000, held, 226);
  }
}
