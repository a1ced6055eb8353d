package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.UsageException;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.util.sketch.BloomFilter;
import org.junit.jupiter.api.Test;

class IdentifierFakerTest {
  private static ColumnSpec id(ColumnType type, String format) {
    return ColumnSpec.builder("customer_id", type, ColumnRole.IDENTIFIER).format(format).build();
  }

  @Test
  void fakesFollowTheFormatAreDistinctAndAvoidTrainingValues() {
    BloomFilter training = BloomFilter.create(1_000, 0.001);
    Set<String> real = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      real.add(String.format("C0%03d", i));
      training.putString(String.format("C0%03d", i));
    }
    // 10,000 values, 500 of them real (C000..C499 in the format's digits).
    IdentifierFaker faker = IdentifierFaker.of(id(ColumnType.STRING, "C####"), 1, 7, 2_000, training);
    Set<String> fakes = new HashSet<>();
    for (long row = 0; row < 2_000; row++) {
      String value = (String) faker.value(row);
      assertTrue(value.matches("C\\d{4}"), value);
      assertFalse(real.contains(value), value);
      fakes.add(value);
    }
    assertEquals(2_000, fakes.size());
    assertEquals(faker.value(42), IdentifierFaker.of(id(ColumnType.STRING, "C####"), 1, 7, 2_000, training).value(42));
  }

  @Test
  void typesWithoutAFormatGetADerivedShape() {
    assertEquals("ID############", IdentifierFaker.pattern(id(ColumnType.STRING, null)));
    assertEquals("#########", IdentifierFaker.pattern(id(ColumnType.INT, null)));
    Object value = IdentifierFaker.of(id(ColumnType.LONG, null), 0, 1, 10, null).value(3);
    assertTrue(value instanceof Long, value.getClass().toString());
  }

  @Test
  void aFormatTooNarrowForTheRowsIsAUsageError() {
    UsageException error = assertThrows(UsageException.class,
        () -> IdentifierFaker.of(id(ColumnType.STRING, "C##"), 0, 1, 1_000, null));
    assertEquals("Cannot fake identifier column 'customer_id': its format 'C##' has 100 values, fewer than the 1,000 rows "
        + "asked for (widen the format in the schema)", error.getMessage());
    assertEquals("Cannot fake identifier column 'customer_id': type date has no identifier shape (identifiers are "
        + "strings, ints or longs; give the column another role)",
        assertThrows(UsageException.class, () -> IdentifierFaker.pattern(id(ColumnType.DATE, null))).getMessage());
  }
}
