package io.synthforge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.UsageException;
import org.junit.jupiter.api.Test;

class DemoDataRequestTest {
  @Test
  void defaultsAreCsvSeed42AutoPartitionsNoOverwrite() {
    DemoDataRequest request = DemoDataRequest.builder(1_000, "/tmp/demo").build();
    assertEquals(DemoDataFormat.CSV, request.format());
    assertEquals(DemoDataRequest.DEFAULT_SEED, request.seed());
    assertFalse(request.partitions().isPresent());
    assertFalse(request.overwrite());
  }

  @Test
  void rejectsTooFewRows() {
    UsageException e = assertThrows(UsageException.class, () -> DemoDataRequest.builder(0, "/tmp/demo").build());
    assertEquals("Cannot generate demo data to /tmp/demo: rows must be at least 1, got 0", e.getMessage());
  }

  @Test
  void rejectsMissingOutput() {
    UsageException e = assertThrows(UsageException.class, () -> DemoDataRequest.builder(10, " ").build());
    assertEquals("Cannot generate demo data: no output path given", e.getMessage());
  }

  @Test
  void rejectsZeroPartitions() {
    UsageException e = assertThrows(UsageException.class, () -> DemoDataRequest.builder(10, "/tmp/demo").partitions(0));
    assertEquals("Cannot generate demo data with 0 partitions: partitions must be at least 1", e.getMessage());
  }

  @Test
  void parsesFormatsAndRejectsOthers() {
    assertEquals(DemoDataFormat.PARQUET, DemoDataFormat.parse(" Parquet "));
    UsageException e = assertThrows(UsageException.class, () -> DemoDataFormat.parse("orc"));
    assertEquals("Cannot use demo data format 'orc': expected csv or parquet", e.getMessage());
  }
}
