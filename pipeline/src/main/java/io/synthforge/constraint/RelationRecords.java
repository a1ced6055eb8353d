package io.synthforge.constraint;

import io.synthforge.api.TableMetadata;
import io.synthforge.schema.LabelShortfall;
import io.synthforge.schema.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules as the {@link Relation} records of dataset and model manifests, and back. */
public final class RelationRecords {
  private RelationRecords() {}

  /** The record of {@code rule}; {@code derives} is the column it computes when derived by construction, or null. */
  public static Relation of(Rule rule, String derives) {
    return of(rule, derives, null);
  }

  /** As {@link #of(Rule, String)}, with the label value whose rows kept it from being enforced (or null). */
  public static Relation of(Rule rule, String derives, LabelSupport.Shortfall shortfall) {
    return Relation.newBuilder()
        .setText(rule.text())
        .setKind(rule.constraint().kind())
        .setOrigin(rule.origin().key())
        .setRows(rule.support().rows())
        .setHoldingRows(rule.support().holding())
        .setSupport(rule.support().share())
        .setEnforced(rule.enforced())
        .setDerives(derives)
        .setLabelShortfall(shortfall == null ? null : LabelShortfall.newBuilder().setColumn(shortfall.column())
            .setValue(shortfall.value()).setRows(shortfall.support().rows())
            .setHoldingRows(shortfall.support().holding()).build())
        .build();
  }

  /** The records of every rule of {@code set}, with the columns its derivations compute. */
  public static List<Relation> of(ConstraintSet set) {
    return of(set, Map.of());
  }

  /** As {@link #of(ConstraintSet)}, with the label shortfalls (by rule text) that kept rules from being enforced. */
  public static List<Relation> of(ConstraintSet set, Map<String, LabelSupport.Shortfall> shortfalls) {
    Set<Constraint> derivations = Set.copyOf(set.derivations());
    List<Relation> records = new ArrayList<>();
    for (Rule rule : set.rules()) {
      String derives = derivations.contains(rule.constraint()) ? rule.constraint().target().orElse(null) : null;
      records.add(of(rule, derives, shortfalls.get(rule.text())));
    }
    return records;
  }

  /** The rules {@code records} hold, their texts read against {@code table}. */
  public static List<Rule> rules(List<Relation> records, TableMetadata table) {
    List<Rule> rules = new ArrayList<>();
    for (Relation record : records) {
      rules.add(Rule.of(ConstraintParser.parse(record.getText(), table), Rule.Origin.parse(record.getOrigin()),
          record.getEnforced(), Support.of(record.getRows(), record.getHoldingRows())));
    }
    return rules;
  }
}
