package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.testing.Fixtures;
import org.junit.jupiter.api.Test;

class RowValidatorTest {
  private final RowValidator validator = RowValidator.of(AvroTableSchemas.parse(Fixtures.SCHEMA, "fixture"));

  @Test
  void acceptsAValidRowAndNamesTheFirstViolation() {
    assertNull(validator.violation(new Object[] {"P00001", 30, "A", 12.5, 0}));
    assertEquals("column 'age' = 130 is above the declared max 120.0",
        validator.violation(new Object[] {"P00001", 130, "A", 12.5, 0}));
    assertEquals("column 'kind' = Z is outside the declared domain [A, B, C]",
        validator.violation(new Object[] {"P00001", 30, "Z", 12.5, 0}));
    assertEquals("column 'amount' is null but not nullable", validator.violation(new Object[] {"P00001", 30, "A", null, 0}));
    assertEquals("column 'fraud' holds a Long, expected int", validator.violation(new Object[] {"P00001", 30, "A", 1.0, 1L}));
    assertEquals("column 'amount' = Infinity is not a finite number",
        validator.violation(new Object[] {"P00001", 30, "A", Double.POSITIVE_INFINITY, 0}));
  }
}
