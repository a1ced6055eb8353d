package io.synthforge.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Positions and decimals of a row's columns, however many name objects ask for them. */
class RowSchemaTest {
  @Test
  void everyNameObjectFindsItsColumnEvenMoreThanTheRememberedOnes() {
    RowSchema schema = RowSchema.of(ConstraintFixtures.TABLE, Map.of());
    List<String> names = ConstraintFixtures.TABLE.columnNames();
    for (int round = 0; round < 3; round++) {
      // 400 distinct String objects per round, more than the schema remembers: the rest go through the map.
      for (int copy = 0; copy < 400 / names.size() + 1; copy++) {
        for (int i = 0; i < names.size(); i++) {
          assertEquals(i, schema.position(new String(names.get(i))), names.get(i));
        }
      }
      for (int i = 0; i < names.size(); i++) {
        assertEquals(i, schema.position(names.get(i)), names.get(i));
      }
    }
  }

  @Test
  void anUnknownColumnIsNamedInTheError() {
    ConstraintException e = assertThrows(ConstraintException.class,
        () -> ConstraintFixtures.SCHEMA.position("balance"));
    assertEquals("Cannot find column 'balance' in table 'ledger'", e.getMessage());
  }

  @Test
  void decimalsAreRecordedOrFollowTheType() {
    assertEquals(2, ConstraintFixtures.SCHEMA.decimals("amount"));
    assertEquals(0, ConstraintFixtures.SCHEMA.decimals("fee"));
  }
}
