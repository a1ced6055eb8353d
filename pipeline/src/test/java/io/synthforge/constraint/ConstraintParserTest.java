package io.synthforge.constraint;

import static io.synthforge.constraint.ConstraintFixtures.TABLE;
import static io.synthforge.constraint.ConstraintFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConstraintParserTest {
  @Test
  void everyKindReadsBackFromItsOwnText() {
    List<String> canonical = List.of(
        "after = before - amount when kind in (A, B)",
        "after = before + amount",
        "`gross-pay` = amount * 1.5",
        "`gross-pay` = amount + before + after - 10",
        "after = -amount + before",
        "after = before",
        "after = 0 when flag in (1)",
        "kind = B when flag in (1)",
        "amount <= before when kind in (A)",
        "amount > 0",
        "-5 < fee",
        "amount between 0 and 5000.5",
        "amount has 2 decimals",
        "fee is integer",
        "fixed combinations (kind, flag)");
    for (String text : canonical) {
      Constraint constraint = parse(text);
      assertEquals(text, constraint.text(), "text of " + text);
      assertEquals(constraint, parse(constraint.text()), "round trip of " + text);
    }
  }

  @Test
  void readsTheKindsAndTheirParts() {
    Formula formula = assertInstanceOf(Formula.class, parse("after = before - amount when kind = A"));
    assertEquals(Optional.of("after"), formula.target());
    assertEquals(List.of("after", "before", "amount"), formula.bodyColumns());
    assertEquals(List.of("after", "before", "amount", "kind"), formula.columns());
    assertEquals(List.of("before", "amount", "kind"), formula.inputs());
    assertEquals("after = before - amount when kind in (A)", formula.text());

    Equality constant = assertInstanceOf(Equality.class, parse("after = 0.0 when flag in (1)"));
    assertEquals(true, constant.numeric());
    assertEquals(0.0, constant.value().constant());
    Equality category = assertInstanceOf(Equality.class, parse("kind = 'B' when flag = 1"));
    assertEquals(false, category.numeric());
    assertEquals("B", category.value().labelValue());
    Equality columns = assertInstanceOf(Equality.class, parse("after = `before`"));
    assertEquals("after = before", columns.text());
    assertInstanceOf(Inequality.class, parse("amount <= before"));
    assertInstanceOf(ValueRange.class, parse("amount between -1 and 1"));
    assertEquals(2, assertInstanceOf(Decimals.class, parse("amount HAS 2 DECIMALS")).places());
    assertEquals("fixed combinations (kind, flag)", parse("FIXED COMBINATIONS (kind, flag)").text());
    assertEquals("`gross-pay` = amount * 2", parse("`gross-pay` = 2 * amount").text());
    assertEquals("`gross-pay` = amount * 3", parse("`gross-pay` = amount + amount * 2").text());
    assertEquals("kind = A when flag in (0, 1)", parse("kind == A when flag in (0, 1, 0)").text());
  }

  @Test
  void quotesNamesAndValuesThatAreNotPlainWords() {
    Constraint constraint = ConstraintParser.parse("`gross-pay` = 0 when kind in ('>50K', 'a b', 'it''s', when)",
        io.synthforge.api.TableMetadata.of("t", TABLE.columns()));
    assertEquals("`gross-pay` = 0 when kind in ('>50K', 'a b', 'it''s', 'when')", constraint.text());
    assertEquals(constraint, ConstraintParser.parse(constraint.text(), TABLE));
  }

  @Test
  void namesTheMistake() {
    assertMessage("Cannot read constraint 'total = amount + before': no column 'total' in table 'ledger' (columns: id, "
        + "kind, flag, amount, before, after, fee, gross-pay, at)", "total = amount + before");
    assertMessage("Cannot read constraint 'id = amount': 'id' is an identifier column, which is faked rather than "
        + "learned", "id = amount");
    assertMessage("Cannot read constraint 'after = before - kind': 'kind' is a categorical column; only continuous and "
        + "datetime columns are compared as numbers", "after = before - kind");
    assertMessage("Cannot read constraint 'after = 0 when amount in (1)': the condition's column 'amount' is a "
        + "continuous column; conditions name a categorical or label column", "after = 0 when amount in (1)");
    assertMessage("Cannot read constraint 'after = before +': expected a column or a number but found the end",
        "after = before +");
    assertMessage("Cannot read constraint 'after = after + amount': 'after' appears on both sides",
        "after = after + amount");
    assertMessage("Cannot read constraint 'amount between 5 and 1': 5 is above 1", "amount between 5 and 1");
    assertMessage("Cannot read constraint 'fixed combinations (kind)': fixed combinations need at least two columns",
        "fixed combinations (kind)");
    assertMessage("Cannot read constraint 'fixed combinations (kind, amount)': 'amount' is a continuous column; "
        + "fixed combinations are of categorical and label columns", "fixed combinations (kind, amount)");
    assertMessage("Cannot read constraint 'amount <= at': 'amount' is continuous and 'at' is datetime; compare columns "
        + "of one kind", "amount <= at");
    assertMessage("Cannot read constraint 'amount ~ 3': unexpected character '~' at position 8", "amount ~ 3");
    assertMessage("Cannot read constraint 'amount <= 3 when': expected a column but found the end", "amount <= 3 when");
    assertMessage("Cannot read constraint 'kind has 2 decimals': 'kind' is a categorical column; decimals applies to "
        + "continuous columns", "kind has 2 decimals");
    assertMessage("Cannot read constraint '': it is empty", " ");
  }

  private static void assertMessage(String message, String text) {
    ConstraintException error = assertThrows(ConstraintException.class, () -> parse(text));
    assertEquals(message, error.getMessage());
  }
}
