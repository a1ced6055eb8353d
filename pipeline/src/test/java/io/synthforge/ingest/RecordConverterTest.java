package io.synthforge.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordConverterTest {
  private final TableMetadata table = TableMetadata.of("t", List.of(
      ColumnSpec.builder("age", ColumnType.INT, ColumnRole.CONTINUOUS).min(0.0).max(120.0).build(),
      ColumnSpec.builder("type", ColumnType.STRING, ColumnRole.CATEGORICAL).domain(List.of("A", "B")).build(),
      ColumnSpec.builder("at", ColumnType.TIMESTAMP, ColumnRole.DATETIME).nullable(true).build()));
  private final RecordConverter converter = new RecordConverter(table, List.of("type", "age", "at"), Set.of("?"));

  @Test
  void typesFieldsAndReordersThemToTheSchema() {
    RecordConverter.Result result = converter.convert(new String[] {"A", "42", "2026-03-01T10:00:00Z"});
    assertTrue(result.isAccepted());
    assertArrayEquals(new Object[] {42, "A", Instant.parse("2026-03-01T10:00:00Z")}, result.values());
  }

  @Test
  void readsNullTokensAsMissing() {
    RecordConverter.Result result = converter.convert(new String[] {"B", "7", "?"});
    assertTrue(result.isAccepted());
    assertEquals(null, result.values()[2]);
  }

  @Test
  void rejectsEachKindOfBadValueWithItsReason() {
    assertRejected(new String[] {"A", "x7", ""}, QuarantineReason.BAD_TYPE, "column 'age': cannot read 'x7' as int");
    assertRejected(new String[] {"A", "", ""}, QuarantineReason.MISSING_REQUIRED, "column 'age': missing value in a required column");
    assertRejected(new String[] {"C", "7", ""}, QuarantineReason.OUT_OF_DOMAIN,
        "column 'type': value 'C' is not in the declared domain [A, B]");
    assertRejected(new String[] {"A", "130", ""}, QuarantineReason.OUT_OF_RANGE,
        "column 'age': 130 is above the declared max 120.0");
    assertRejected(new String[] {"A", "7"}, QuarantineReason.WRONG_FIELD_COUNT, "expected 3 fields, found 2");
    assertRejected(new String[] {"A", "7", "yesterday"}, QuarantineReason.BAD_TYPE,
        "column 'at': cannot read 'yesterday' as a timestamp (expected ISO-8601)");
  }

  private void assertRejected(String[] fields, QuarantineReason reason, String message) {
    RecordConverter.Result result = converter.convert(fields);
    assertFalse(result.isAccepted());
    assertEquals(reason, result.reason());
    assertEquals(message, result.message());
  }
}
