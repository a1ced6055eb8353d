package io.synthforge.constraint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The support of enforced discovered relations within each value of the table's label, counted in one pass with
 * mergeable counters. A relation holding on 99.9 % of all rows can still be broken by a tenth of a rare label's
 * rows (on the demo log, {@code amount <= oldbalance_dest when merchant_category in (cash_agent)}: cash agents
 * hold more float than customers move, except when a fraudster empties a large account); enforcing it would redraw
 * exactly those rare rows until they look like the common ones. So a relation is enforced only where it holds
 * with the enforcement support within every label value; it stays recorded (and measured) otherwise. Spark-free.
 */
public final class LabelSupport implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LabelSupport.class);

  private final RowSchema schema;
  private final List<Rule> rules;
  private final int labelPosition;
  private final List<String> labelValues;

  private LabelSupport(RowSchema schema, List<Rule> rules, String label, List<String> labelValues) {
    this.schema = schema;
    this.rules = List.copyOf(rules);
    this.labelPosition = schema.table().indexOf(label);
    if (labelPosition < 0) {
      throw new IllegalArgumentException("Cannot count support by label '" + label + "': the table has no such column");
    }
    this.labelValues = List.copyOf(labelValues);
  }

  /** Counts {@code rules} within each of {@code labelValues} of column {@code label}. */
  public static LabelSupport of(RowSchema schema, List<Rule> rules, String label, List<String> labelValues) {
    return new LabelSupport(schema, rules, label, labelValues);
  }

  /** Fresh counters: {@code [rule][label value] -> {applicable rows, holding rows}}, flattened. */
  public long[] newCounts() {
    return new long[rules.size() * labelValues.size() * 2];
  }

  /** Adds {@code row} (in table column order) to {@code counts}. */
  public void count(Object[] row, long[] counts) {
    Object value = row[labelPosition];
    int v = value == null ? -1 : labelValues.indexOf(Values.label(value));
    if (v < 0) {
      return;
    }
    for (int r = 0; r < rules.size(); r++) {
      Outcome outcome = rules.get(r).constraint().check(row, schema);
      if (outcome == Outcome.NOT_APPLICABLE) {
        continue;
      }
      int at = (r * labelValues.size() + v) * 2;
      counts[at]++;
      if (outcome == Outcome.HOLDS) {
        counts[at + 1]++;
      }
    }
  }

  /** The sum of two sets of counters (into {@code into}). */
  public static long[] merge(long[] into, long[] other) {
    for (int i = 0; i < into.length; i++) {
      into[i] += other[i];
    }
    return into;
  }

  /** The support of rule {@code rule} (an index into the rules) within label value {@code value}. */
  public Support support(long[] counts, int rule, int value) {
    int at = (rule * labelValues.size() + value) * 2;
    return Support.of(counts[at], counts[at + 1]);
  }

  /**
   * For each discovered rule (by text) supported overall with at least {@code enforceSupport}, so enforceable, that
   * the rows of some label value support below it: the value supporting it least. Declared rules are a person's
   * decision and are left out.
   */
  public Map<String, Shortfall> shortfalls(long[] counts, double enforceSupport) {
    Map<String, Shortfall> shortfalls = new LinkedHashMap<>();
    String column = schema.table().columns().get(labelPosition).name();
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (rule.origin() != Rule.Origin.DISCOVERED || rule.support().share() < enforceSupport) {
        continue;
      }
      Shortfall weakest = null;
      for (int v = 0; v < labelValues.size(); v++) {
        Support support = support(counts, r, v);
        if (support.share() < enforceSupport && (weakest == null || support.share() < weakest.support().share())) {
          weakest = new Shortfall(column, labelValues.get(v), support);
        }
      }
      if (weakest != null) {
        shortfalls.put(rule.text(), weakest);
      }
    }
    return shortfalls;
  }

  /**
   * {@code rules} with enforcement withdrawn from the discovered ones in {@code shortfalls}; the others (declared
   * rules of the same text included) unchanged, in order.
   */
  public static List<Rule> withdrawn(List<Rule> rules, Map<String, Shortfall> shortfalls) {
    List<Rule> result = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      Shortfall shortfall = shortfalls.get(rule.text());
      if (shortfall != null && rule.enforced() && rule.origin() == Rule.Origin.DISCOVERED) {
        LOG.info("Not enforcing '{}': it holds on {}", rule.text(), shortfall);
        result.add(rule.enforced(false));
      } else {
        result.add(rule);
      }
    }
    return result;
  }

  /** A label value whose rows support a relation below the enforcement support. Immutable. */
  public static final class Shortfall implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final String value;
    private final Support support;

    public Shortfall(String column, String value, Support support) {
      this.column = column;
      this.value = value;
      this.support = support;
    }

    /** The label column. */
    public String column() {
      return column;
    }

    /** The label value. */
    public String value() {
      return value;
    }

    /** The relation's support within the rows with that value. */
    public Support support() {
      return support;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Shortfall && column.equals(((Shortfall) other).column)
          && value.equals(((Shortfall) other).value) && support.equals(((Shortfall) other).support);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(column, value, support);
    }

    @Override
    public String toString() {
      return support + " with " + column + " = " + value;
    }
  }

  /** The label values counted, in order. */
  public List<String> labelValues() {
    return labelValues;
  }
}
