package io.synthforge.constraint;

import static io.synthforge.constraint.ConstraintFixtures.SCHEMA;
import static io.synthforge.constraint.ConstraintFixtures.parse;
import static io.synthforge.constraint.ConstraintFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relation holding on 99.9 % of all rows but broken by a fifth of the rare label's rows is not enforced; one the
 * rare rows keep, and declared rules, stay as they were.
 */
class LabelSupportTest {
  /** 10,000 rows, 20 of them flagged; amount <= before on every unflagged row and on 16 of the 20 flagged ones. */
  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      boolean flagged = i % 500 == 0;
      boolean breaks = flagged && i % 2_500 == 0;
      double before = 100 + i % 37;
      double amount = breaks ? before + 5 : before - 1 - i % 7;
      rows.add(row("A", flagged ? 1 : 0, amount, before, before - amount, 1, 0.0));
    }
    return rows;
  }

  private static Rule discovered(String text) {
    return Rule.of(parse(text), Rule.Origin.DISCOVERED, true, Support.of(10_000, 9_996));
  }

  /** Counts {@code rows} in two halves merged, as two partitions would be. */
  private static long[] count(LabelSupport audit, List<Object[]> rows) {
    long[] first = audit.newCounts();
    long[] second = audit.newCounts();
    for (int i = 0; i < rows.size(); i++) {
      audit.count(rows.get(i), i < rows.size() / 2 ? first : second);
    }
    return LabelSupport.merge(first, second);
  }

  @Test
  void withdrawsEnforcementFromARelationTheRareLabelBreaks() {
    Rule order = discovered("amount <= before");
    Rule positive = discovered("amount > 0");
    Rule declared = Rule.of(parse("amount <= before"), Rule.Origin.DECLARED, true, Support.of(10_000, 9_996));
    Rule suggested = discovered("after >= 0").enforced(false);
    LabelSupport audit = LabelSupport.of(SCHEMA, List.of(order, positive, declared, suggested), "flag",
        List.of("0", "1"));
    long[] counts = count(audit, rows());

    assertEquals(Support.of(9_980, 9_980), audit.support(counts, 0, 0));
    assertEquals(Support.of(20, 16), audit.support(counts, 0, 1));
    Map<String, LabelSupport.Shortfall> shortfalls = audit.shortfalls(counts, 0.999);
    // The suggested rule is enforceable (support 0.9996) and broken by the same rows: recorded too.
    assertEquals(Map.of("amount <= before", new LabelSupport.Shortfall("flag", "1", Support.of(20, 16)),
        "after >= 0", new LabelSupport.Shortfall("flag", "1", Support.of(20, 16))), shortfalls);
    assertEquals("80.0000% of 20 rows with flag = 1", shortfalls.get("amount <= before").toString());
    List<Rule> audited = LabelSupport.withdrawn(List.of(order, positive, declared, suggested), shortfalls);
    assertFalse(audited.get(0).enforced(), "broken by 4 of 20 flagged rows");
    assertEquals(order.support(), audited.get(0).support());
    assertTrue(audited.get(1).enforced(), "held by every row of both labels");
    assertTrue(audited.get(2).enforced(), "a person declared it");
    assertEquals(suggested, audited.get(3));
  }

  @Test
  void keepsEnforcementWhenEveryLabelValueHoldsIt() {
    Rule order = discovered("amount <= before");
    LabelSupport audit = LabelSupport.of(SCHEMA, List.of(order), "flag", List.of("0", "1"));
    List<Object[]> rows = new ArrayList<>(rows());
    rows.removeIf(r -> (Double) r[3] > (Double) r[4]);

    assertEquals(Map.of(), audit.shortfalls(count(audit, rows), 0.999));
  }

  @Test
  void rejectsAnUnknownLabelColumn() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> LabelSupport.of(SCHEMA, List.of(), "fraud", List.of("0", "1")));
    assertEquals("Cannot count support by label 'fraud': the table has no such column", error.getMessage());
  }
}
