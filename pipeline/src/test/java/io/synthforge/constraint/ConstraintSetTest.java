package io.synthforge.constraint;

import static io.synthforge.constraint.ConstraintFixtures.SCHEMA;
import static io.synthforge.constraint.ConstraintFixtures.TABLE;
import static io.synthforge.constraint.ConstraintFixtures.parse;
import static io.synthforge.constraint.ConstraintFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintSetTest {
  private static final Map<String, Set<String>> CATEGORIES = Map.of("kind", Set.of("A", "B", "C"), "flag", Set.of("0", "1"));

  private static Rule declared(String text) {
    return Rule.of(parse(text), Rule.Origin.DECLARED, true, Support.NONE);
  }

  private static Rule discovered(String text, boolean enforced) {
    return Rule.of(parse(text), Rule.Origin.DISCOVERED, enforced, Support.of(100, 100));
  }

  private static ConstraintSet compile(Rule... rules) {
    return ConstraintSet.compile(SCHEMA, List.of(rules), CATEGORIES);
  }

  @Test
  void columnsDerivedOnEveryRowLeaveTheLayoutAndAreComputedInDependencyOrder() {
    ConstraintSet set = compile(
        discovered("`gross-pay` = after + fee", true),
        discovered("after = before - amount when kind in (A, B)", true),
        discovered("after = before + amount when kind in (C)", true),
        discovered("before = amount when flag in (1)", true),
        discovered("amount <= before when kind in (A)", false));
    assertEquals(Set.of("`gross-pay`".replace("`", ""), "after"), set.derivedColumns(),
        "after is covered by A, B and C; before only on flag 1");
    assertEquals(List.of("before = amount when flag in (1)", "after = before - amount when kind in (A, B)",
            "after = before + amount when kind in (C)", "`gross-pay` = after + fee"),
        set.derivations().stream().map(Constraint::text).collect(java.util.stream.Collectors.toList()));
    Object[] row = row("A", 1, 40, 55.5, Double.NaN, 2, Double.NaN);
    row[5] = null;
    row[7] = null;
    set.derive(row);
    assertEquals(Arrays.asList("X1", "A", 1, 40.0, 40.0, 0.0, 2, 2.0), Arrays.asList(row).subList(0, 8));
    assertNull(set.violation(row));
    assertEquals(4, set.enforced().size(), "the suggested inequality is not enforced");
  }

  @Test
  void conditionsThatMissAValueOrANullDoNotRemoveTheColumn() {
    assertEquals(Set.of(), compile(discovered("after = before - amount when kind in (A, B)", true)).derivedColumns());
    Map<String, Set<String>> withNull = Map.of("kind", new HashSet<>(Arrays.asList("A", "B", "C", null)));
    ConstraintSet set = ConstraintSet.compile(SCHEMA, List.of(discovered("after = 0 when kind in (A, B, C)", true)),
        withNull);
    assertEquals(Set.of(), set.derivedColumns());
  }

  @Test
  void checksReportTheFirstBrokenEnforcedRule() {
    FixedCombinations pairs = ((FixedCombinations) parse("fixed combinations (kind, flag)"))
        .fitted(Set.of(List.of("A", "0"), List.of("B", "1")));
    ConstraintSet set = compile(Rule.of(pairs, Rule.Origin.DECLARED, true, Support.NONE),
        declared("amount <= before"), discovered("kind = B when flag in (1)", true));
    assertEquals("fixed combinations (kind, flag)", set.violation(row("C", 0, 1, 2, 0, 0, 0)).text());
    assertEquals("amount <= before", set.violation(row("A", 0, 3, 2, 0, 0, 0)).text());
    assertNull(set.violation(row("B", 1, 1, 2, 0, 0, 0)));
  }

  @Test
  void aDeclaredCycleIsAMistakeAndADiscoveredOneIsOnlyChecked() {
    ConstraintException cycle = assertThrows(ConstraintException.class,
        () -> compile(declared("after = before - amount"), declared("before = after + amount")));
    assertEquals("Cannot enforce constraint 'before = after + amount': it derives 'before' from columns that other "
        + "constraints derive from 'before' (a cycle); drop one of them or write it as an inequality", cycle.getMessage());
    ConstraintSet set = compile(declared("after = before - amount"), discovered("before = after + amount", true));
    assertEquals(List.of("after = before - amount"),
        set.derivations().stream().map(Constraint::text).collect(java.util.stream.Collectors.toList()));
    assertEquals(2, set.enforced().size());
  }

  @Test
  void theAnchorIsTheCategoricalColumnTheEnforcedRulesTurnOnMost() {
    ConstraintSet set = compile(discovered("after = before - amount when kind in (A, B)", true),
        discovered("after = before + amount when kind in (C)", true), discovered("after = 0 when flag in (1)", true),
        discovered("kind = B when flag in (1)", true), discovered("before = 0 when flag in (0)", false));
    assertEquals(java.util.Optional.of("kind"), set.anchor(), "kind: 3 (two conditions, one equality), flag: 2");
    assertEquals(java.util.Optional.empty(), compile(declared("amount <= before")).anchor());
  }

  @Test
  void decimalsRoundGeneratedValues() {
    ConstraintSet set = compile(declared("amount has 1 decimals"));
    Object[] row = row("A", 0, 1.26, 0, 0, 0, 0);
    set.derive(row);
    assertEquals(1.3, row[3]);
  }

  @Test
  void aCompiledSetTravelsByJavaSerialisation() throws Exception {
    FixedCombinations pairs = ((FixedCombinations) parse("fixed combinations (kind, flag)"))
        .fitted(Set.of(List.of("A", "0"), Arrays.asList("B", null)));
    ConstraintSet set = compile(Rule.of(pairs, Rule.Origin.DECLARED, true, Support.of(10, 10)),
        discovered("after = before - amount when kind in (A, B, C)", true), declared("amount between 0 and 9"),
        declared("amount < before when flag = 1"), declared("fee is integer"), discovered("kind = A when flag in (0)", true));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(set);
    }
    ConstraintSet copy;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ConstraintSet) in.readObject();
    }
    assertEquals(set.rules(), copy.rules());
    assertEquals(set.derivedColumns(), copy.derivedColumns());
  }

  @Test
  void theCodecKeepsTextsSupportsAndCombinations() {
    FixedCombinations pairs = ((FixedCombinations) parse("fixed combinations (kind, flag)"))
        .fitted(Set.of(List.of("A", "0"), Arrays.asList("B", null)));
    ConstraintSet set = compile(Rule.of(pairs, Rule.Origin.DECLARED, true, Support.of(10, 10)),
        discovered("after = before - amount when kind in (A, B, C)", true),
        Rule.of(parse("amount <= before"), Rule.Origin.DISCOVERED, false, Support.of(1000, 996)));
    String json = ConstraintCodec.toJson(set);
    ConstraintSet loaded = ConstraintCodec.fromJson(json, TABLE, CATEGORIES, "constraints.json");
    assertEquals(set.rules(), loaded.rules());
    assertEquals(Set.of("after"), loaded.derivedColumns());
    assertEquals(SCHEMA, loaded.schema());
    assertEquals(json, ConstraintCodec.toJson(loaded));
    String other = json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7");
    io.synthforge.api.SynthforgeException refused = assertThrows(io.synthforge.api.SynthforgeException.class,
        () -> ConstraintCodec.fromJson(other, TABLE, CATEGORIES, "m/constraints.json"));
    assertEquals("Cannot load constraints from m/constraints.json: format version 7 is not supported (expected 1)",
        refused.getMessage());
    List<String> texts = new ArrayList<>();
    loaded.rules().forEach(rule -> texts.add(rule.text()));
    assertEquals(List.of("fixed combinations (kind, flag)", "after = before - amount when kind in (A, B, C)",
        "amount <= before"), texts);
  }
}
