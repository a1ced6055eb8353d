package io.synthforge.constraint;

import static io.synthforge.constraint.ConstraintFixtures.SCHEMA;
import static io.synthforge.constraint.ConstraintFixtures.parse;
import static io.synthforge.constraint.ConstraintFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind checks rows and, where it can, makes them satisfy it. */
class ConstraintKindsTest {
  @Test
  void formulaHoldsWithinTheTargetsDecimalsAndComputesItsTarget() {
    Constraint formula = parse("after = before - amount when kind in (A, B)");
    assertEquals(Outcome.HOLDS, formula.check(row("A", 0, 12.34, 100.10, 87.76, 0, 0), SCHEMA));
    assertEquals(Outcome.HOLDS, formula.check(row("A", 0, 12.34, 100.10, 87.764, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, formula.check(row("B", 0, 12.34, 100.10, 87.77, 0, 0), SCHEMA));
    assertEquals(Outcome.NOT_APPLICABLE, formula.check(row("C", 0, 12.34, 100.10, 5, 0, 0), SCHEMA));
    Object[] missing = row("A", 0, 12.34, 100.10, 5, 0, 0);
    missing[4] = null;
    assertEquals(Outcome.NOT_APPLICABLE, formula.check(missing, SCHEMA));
    assertFalse(formula.enforce(missing, SCHEMA));

    Object[] generated = row("B", 0, 0.1, 0.3, -7, 0, 0);
    assertTrue(formula.enforce(generated, SCHEMA));
    assertEquals(0.2, generated[5], "rounded to cents, not 0.19999999999999998");
    Object[] outside = row("C", 0, 0.1, 0.3, -7, 0, 0);
    assertFalse(formula.enforce(outside, SCHEMA));
    assertEquals(-7.0, outside[5]);
  }

  @Test
  void scaledFormulaToleratesTheTargetsRounding() {
    Constraint scaled = parse("`gross-pay` = amount * 1.5");
    Object[] row = row("A", 0, 1.01, 0, 0, 0, 0);
    assertTrue(scaled.enforce(row, SCHEMA));
    assertEquals(1.52, row[7], "1.515 rounds half up");
    assertEquals(Outcome.HOLDS, scaled.check(row, SCHEMA));
    assertEquals(Outcome.VIOLATED, scaled.check(row("A", 0, 1.01, 0, 0, 0, 1.53), SCHEMA));
  }

  @Test
  void integerTargetsAreTypedAndRounded() {
    Constraint fee = parse("fee = amount * 0.1");
    Object[] row = row("A", 0, 26, 0, 0, 0, 0);
    fee.enforce(row, SCHEMA);
    assertEquals(3, row[6]);
    assertEquals(Outcome.HOLDS, fee.check(row, SCHEMA));
  }

  @Test
  void equalityComparesNumbersOrLabels() {
    Constraint zero = parse("after = 0 when flag in (1)");
    assertEquals(Outcome.HOLDS, zero.check(row("A", 1, 5, 5, 0.004, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, zero.check(row("A", 1, 5, 5, 0.01, 0, 0), SCHEMA));
    assertEquals(Outcome.NOT_APPLICABLE, zero.check(row("A", 0, 5, 5, 3, 0, 0), SCHEMA));
    Object[] fraud = row("A", 1, 5, 5, 3, 0, 0);
    assertTrue(zero.enforce(fraud, SCHEMA));
    assertEquals(0.0, fraud[5]);

    Constraint same = parse("before = amount when flag in (1)");
    Object[] copy = row("A", 1, 5.5, 9, 3, 0, 0);
    same.enforce(copy, SCHEMA);
    assertEquals(5.5, copy[4]);

    Constraint category = parse("kind = B when flag in (1)");
    assertEquals(Outcome.HOLDS, category.check(row("B", 1, 5, 5, 3, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, category.check(row("A", 1, 5, 5, 3, 0, 0), SCHEMA));
    Object[] untouched = row("A", 1, 5, 5, 3, 0, 0);
    assertFalse(category.enforce(untouched, SCHEMA), "categories are checked, not written");
  }

  @Test
  void inequalitiesAndRangesCompareWithFloatSlackOnly() {
    Constraint order = parse("amount <= before when kind in (A)");
    assertEquals(Outcome.HOLDS, order.check(row("A", 0, 5, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, order.check(row("A", 0, 5.01, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.NOT_APPLICABLE, order.check(row("B", 0, 9, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, parse("amount > 0").check(row("A", 0, 0, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.HOLDS, parse("-5 < fee").check(row("A", 0, 0, 5, 0, -4, 0), SCHEMA));
    Constraint range = parse("amount between 0 and 10 when flag = 0");
    assertEquals(Outcome.HOLDS, range.check(row("A", 0, 10, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, range.check(row("A", 0, 10.5, 5, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.NOT_APPLICABLE, range.check(row("A", 1, 10.5, 5, 0, 0, 0), SCHEMA));
  }

  @Test
  void decimalsRoundAndCheck() {
    Constraint cents = parse("amount has 2 decimals");
    assertEquals(Outcome.HOLDS, cents.check(row("A", 0, 12.34, 0, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, cents.check(row("A", 0, 12.345, 0, 0, 0, 0), SCHEMA));
    Object[] row = row("A", 0, 12.3456, 0, 0, 0, 0);
    assertTrue(cents.enforce(row, SCHEMA));
    assertEquals(12.35, row[3]);
    assertEquals(Outcome.HOLDS, parse("amount is integer").check(row("A", 0, 12, 0, 0, 0, 0), SCHEMA));
  }

  @Test
  void fixedCombinationsAllowOnlyFittedTuples() {
    FixedCombinations combinations = (FixedCombinations) parse("fixed combinations (kind, flag)");
    IllegalStateException unfitted = assertThrows(IllegalStateException.class,
        () -> combinations.check(row("A", 0, 0, 0, 0, 0, 0), SCHEMA));
    assertEquals("Cannot list the combinations of fixed combinations (kind, flag): it is not fitted to data",
        unfitted.getMessage());
    FixedCombinations fitted = combinations.fitted(Set.of(List.of("A", "0"), List.of("B", "1")));
    assertEquals(Outcome.HOLDS, fitted.check(row("B", 1, 0, 0, 0, 0, 0), SCHEMA));
    assertEquals(Outcome.VIOLATED, fitted.check(row("A", 1, 0, 0, 0, 0, 0), SCHEMA));
    assertEquals("fixed combinations (kind, flag)", fitted.text());
  }
}
