package io.synthforge.constraint;

import static io.synthforge.constraint.ConstraintFixtures.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The miner finds relations planted in a small ledger and ignores near-misses (Spark-free: two local passes). */
class RelationMinerTest {
  private static final Map<String, List<String>> CATEGORIES = Map.of("kind", List.of("A", "B", "C"), "flag",
      List.of("0", "1"));

  /** Ledger rows: after = before - amount (A, and B but for 1.5% of B rows), after = before + amount (C), gross-pay = 0 when flag = 1. */
  static List<Object[]> ledger(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Object[]> list = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String kind = random.nextDouble() < 0.5 ? "A" : random.nextBoolean() ? "B" : "C";
      int flag = random.nextDouble() < 0.1 ? 1 : 0;
      double amount = cents(1 + 99 * random.nextDouble());
      double before = cents(amount + 50 * random.nextDouble());
      double after = kind.equals("C") ? cents(before + amount) : cents(before - amount);
      if (kind.equals("B") && random.nextDouble() < 0.015) {
        after = cents(after + 0.01 + 0.04 * random.nextDouble());
      }
      int fee = random.nextInt(1000);
      double gross = flag == 1 ? 0.0 : cents(-50 + 100 * random.nextDouble());
      list.add(ConstraintFixtures.row(kind, flag, amount, before, after, fee, gross));
    }
    return list;
  }

  private static double cents(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Runs both passes over {@code rows} split in three "partitions", merging as Spark would. */
  static List<Rule> mine(List<Object[]> rows, MiningOptions options) {
    RelationMiner miner = RelationMiner.of(ConstraintFixtures.SCHEMA, CATEGORIES, options);
    int third = rows.size() / 3;
    List<List<Object[]>> parts = List.of(rows.subList(0, third), rows.subList(third, 2 * third),
        rows.subList(2 * third, rows.size()));
    RelationMiner.Profile profile = null;
    for (List<Object[]> part : parts) {
      RelationMiner.Profile p = miner.newProfile();
      part.forEach(row -> miner.profile(row, p));
      profile = profile == null ? p : profile.merge(p);
    }
    RelationMiner.Counts counts = null;
    for (List<Object[]> part : parts) {
      RelationMiner.Counts c = miner.newCounts();
      RelationMiner.Profile merged = profile;
      part.forEach(row -> miner.count(row, merged, c));
      counts = counts == null ? c : counts.merge(c);
    }
    return miner.relations(profile, counts);
  }

  private static Map<String, Rule> byText(List<Rule> rules) {
    Map<String, Rule> map = new LinkedHashMap<>();
    rules.forEach(rule -> map.put(rule.text(), rule));
    return map;
  }

  @Test
  void findsPlantedRelationsWithTheirSupport() {
    List<Object[]> rows = ledger(3_000, 11);
    Map<String, Rule> found = byText(mine(rows, MiningOptions.defaults()));
    long kindA = rows.stream().filter(r -> r[1].equals("A")).count();
    long kindC = rows.stream().filter(r -> r[1].equals("C")).count();
    long flagged = rows.stream().filter(r -> r[2].equals(1)).count();

    Rule debit = found.get("after = before - amount when kind in (A)");
    assertEquals(Support.of(kindA, kindA), debit.support());
    assertTrue(debit.enforced());
    assertEquals(Rule.Origin.DISCOVERED, debit.origin());
    assertEquals(Support.of(kindC, kindC), found.get("after = before + amount when kind in (C)").support());
    assertEquals(Support.of(flagged, flagged), found.get("`gross-pay` = 0 when flag in (1)").support());
    assertEquals(Support.of(rows.size(), rows.size()), found.get("amount <= before").support());
    assertTrue(found.containsKey("after <= before when kind in (A, B)"), found.keySet().toString());
    assertEquals(5, found.size(), "nothing else: " + found.keySet());
  }

  @Test
  void ignoresNearMissesAndImpliedRelations() {
    Map<String, Rule> found = byText(mine(ledger(3_000, 11), MiningOptions.defaults()));
    List<String> texts = new ArrayList<>(found.keySet());
    assertFalse(texts.stream().anyMatch(t -> t.startsWith("after = before - amount") && t.contains("B")),
        "the B rows break it 1.5% of the time: " + texts);
    assertFalse(texts.contains("amount <= after when kind in (C)"), "implied by the sum and before >= 0");
    assertFalse(texts.contains("before <= after when kind in (C)"), "implied by the sum and amount >= 0");
  }

  @Test
  void aLowerThresholdAdmitsTheNearMissAndSuggestModeEnforcesNothing() {
    List<Rule> rules = mine(ledger(3_000, 11), MiningOptions.builder().minSupport(0.98).mode(RelationsMode.SUGGEST)
        .build());
    Map<String, Rule> found = byText(rules);
    Rule both = found.get("after = before - amount when kind in (A, B)");
    assertTrue(both.support().share() < 0.995 && both.support().share() >= 0.98, both.toString());
    assertTrue(rules.stream().noneMatch(Rule::enforced));
    assertFalse(found.containsKey("after <= before when kind in (A, B)"), "now implied by the sum: "
        + found.keySet());
  }

  @Test
  void enforcesOnlyWhatReachesTheEnforcementThreshold() {
    List<Rule> rules = mine(ledger(3_000, 11), MiningOptions.builder().minSupport(0.98).build());
    for (Rule rule : rules) {
      assertEquals(rule.support().share() >= 0.999, rule.enforced(), rule.toString());
    }
    assertFalse(byText(rules).get("after = before - amount when kind in (A, B)").enforced());
  }

  @Test
  void theModeReadsYamlBooleansAndNamesTheFix() {
    assertEquals(RelationsMode.OFF, RelationsMode.parse("false"), "YAML reads a bare off as false");
    assertEquals(RelationsMode.ENFORCE, RelationsMode.parse("Enforce"));
    assertEquals("Cannot use --relations sometimes: use off, suggest or enforce",
        org.junit.jupiter.api.Assertions.assertThrows(io.synthforge.api.UsageException.class,
            () -> RelationsMode.parse("sometimes")).getMessage());
  }
}
