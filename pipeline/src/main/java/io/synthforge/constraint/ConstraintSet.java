package io.synthforge.constraint;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.TableMetadata;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.TableTransformer;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one table, compiled into what sampling does with them. Immutable and serialisable (it travels to
 * executors inside the sample task). Spark-free.
 *
 * <ul>
 *   <li><b>Derivations</b>: enforced formulas and numeric equalities whose target is a continuous or datetime
 *       column compute that column from the generated ones, in dependency order ({@link #derive}). A column whose
 *       derivations cover every row (one without a condition, or conditions on one column naming every value the
 *       generator can produce for it) is not generated at all: it leaves the generator's layout
 *       ({@link #derivedColumns()}), so the model spends its capacity on what is really random. A partly covered
 *       column is generated and overwritten where a derivation applies.</li>
 *   <li><b>Adjustments</b>: enforced {@link Decimals} round their column.</li>
 *   <li><b>Checks</b>: every enforced rule is checked on the finished row ({@link #violation}); the sampler draws a
 *       row that breaks one again (inequalities, ranges, fixed combinations, categorical equalities, and any
 *       derivation another derivation undid).</li>
 * </ul>
 *
 * <p>Declared rules are compiled first; a declared rule that would derive a column from itself (a cycle of
 * derivations) is a {@link ConstraintException}, a discovered one is only checked.
 */
public final class ConstraintSet implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConstraintSet.class);

  private final RowSchema schema;
  private final List<Rule> rules;
  private final List<Constraint> derivations;
  private final List<Constraint> adjustments;
  private final List<Rule> checks;
  private final Set<String> derivedColumns;

  private ConstraintSet(RowSchema schema, List<Rule> rules, List<Constraint> derivations, List<Constraint> adjustments,
      List<Rule> checks, Set<String> derivedColumns) {
    this.schema = schema;
    this.rules = List.copyOf(rules);
    this.derivations = List.copyOf(derivations);
    this.adjustments = List.copyOf(adjustments);
    this.checks = List.copyOf(checks);
    this.derivedColumns = Collections.unmodifiableSet(new LinkedHashSet<>(derivedColumns));
  }

  /** A set without rules: sampling generates every learned column and checks nothing beyond the schema. */
  public static ConstraintSet empty(TableMetadata table) {
    return new ConstraintSet(RowSchema.of(table, Map.of()), List.of(), List.of(), List.of(), List.of(), Set.of());
  }

  /**
   * Compiles {@code rules}; {@code categories} holds, for each categorical and label column, every value the
   * generator can produce for it (null standing for a missing value), which decides whether conditional
   * derivations cover every row.
   */
  public static ConstraintSet compile(RowSchema schema, List<Rule> rules, Map<String, Set<String>> categories) {
    List<Rule> ordered = new ArrayList<>();
    rules.stream().filter(r -> r.origin() == Rule.Origin.DECLARED).forEach(ordered::add);
    rules.stream().filter(r -> r.origin() != Rule.Origin.DECLARED).forEach(ordered::add);
    TableMetadata table = schema.table();
    Map<String, Set<String>> dependents = new HashMap<>();
    Map<String, List<Constraint>> byTarget = new LinkedHashMap<>();
    List<Constraint> adjustments = new ArrayList<>();
    List<Rule> checks = new ArrayList<>();
    for (Rule rule : ordered) {
      if (!rule.enforced()) {
        continue;
      }
      checks.add(rule);
      Constraint constraint = rule.constraint();
      if (constraint instanceof Decimals) {
        adjustments.add(constraint);
        continue;
      }
      Optional<String> target = derivable(constraint, schema);
      if (target.isEmpty()) {
        continue;
      }
      List<String> inputs = constraint.inputs();
      if (reaches(dependents, target.get(), new HashSet<>(inputs))) {
        if (rule.origin() == Rule.Origin.DECLARED) {
          throw new ConstraintException("Cannot enforce constraint '" + constraint.text() + "': it derives '"
              + target.get() + "' from columns that other constraints derive from '" + target.get()
              + "' (a cycle); drop one of them or write it as an inequality");
        }
        LOG.info("Checking rather than deriving '{}': deriving '{}' would close a cycle of derivations",
            constraint.text(), target.get());
        continue;
      }
      for (String input : inputs) {
        dependents.computeIfAbsent(input, key -> new LinkedHashSet<>()).add(target.get());
      }
      byTarget.computeIfAbsent(target.get(), key -> new ArrayList<>()).add(constraint);
    }
    List<Constraint> derivations = new ArrayList<>();
    for (String target : topologicalOrder(byTarget, table)) {
      derivations.addAll(byTarget.get(target));
    }
    Set<String> derived = new LinkedHashSet<>();
    for (Map.Entry<String, List<Constraint>> entry : byTarget.entrySet()) {
      if (covers(entry.getValue(), categories)) {
        derived.add(entry.getKey());
      }
    }
    return new ConstraintSet(schema, ordered, derivations, adjustments, checks, derived);
  }

  /** The target a rule computes when enforced by construction: formulas and numeric equalities of ordered columns. */
  private static Optional<String> derivable(Constraint constraint, RowSchema schema) {
    boolean computes = constraint instanceof Formula
        || constraint instanceof Equality && ((Equality) constraint).numeric();
    if (!computes) {
      return Optional.empty();
    }
    String target = constraint.target().get();
    ColumnRole role = schema.spec(target).role();
    return role == ColumnRole.CONTINUOUS || role == ColumnRole.DATETIME ? Optional.of(target) : Optional.empty();
  }

  /** Whether a column of {@code inputs} is {@code start} or depends on it through {@code dependents}. */
  private static boolean reaches(Map<String, Set<String>> dependents, String start, Set<String> inputs) {
    Deque<String> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(start);
    while (!pending.isEmpty()) {
      String column = pending.poll();
      if (inputs.contains(column)) {
        return true;
      }
      if (seen.add(column)) {
        pending.addAll(dependents.getOrDefault(column, Set.of()));
      }
    }
    return false;
  }

  /** Targets ordered so that each comes after the targets it is computed from; ties in table order. */
  private static List<String> topologicalOrder(Map<String, List<Constraint>> byTarget, TableMetadata table) {
    Map<String, Set<String>> needs = new LinkedHashMap<>();
    for (Map.Entry<String, List<Constraint>> entry : byTarget.entrySet()) {
      Set<String> inputs = new LinkedHashSet<>();
      for (Constraint constraint : entry.getValue()) {
        for (String input : constraint.inputs()) {
          if (byTarget.containsKey(input)) {
            inputs.add(input);
          }
        }
      }
      needs.put(entry.getKey(), inputs);
    }
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<String> remaining = new ArrayList<>(needs.keySet());
    remaining.sort(Comparator.comparingInt(table::indexOf));
    while (!remaining.isEmpty()) {
      String ready = null;
      for (String candidate : remaining) {
        if (done.containsAll(needs.get(candidate))) {
          ready = candidate;
          break;
        }
      }
      if (ready == null) {
        throw new IllegalStateException("Cannot order derivations of " + remaining + ": they form a cycle");
      }
      order.add(ready);
      done.add(ready);
      remaining.remove(ready);
    }
    return order;
  }

  /** Whether {@code derivations} of one column together apply to every row the generator can produce. */
  private static boolean covers(List<Constraint> derivations, Map<String, Set<String>> categories) {
    Map<String, Set<String>> named = new HashMap<>();
    for (Constraint constraint : derivations) {
      if (constraint.condition().isEmpty()) {
        return true;
      }
      Condition condition = constraint.condition().get();
      named.computeIfAbsent(condition.column(), key -> new HashSet<>()).addAll(condition.values());
    }
    for (Map.Entry<String, Set<String>> entry : named.entrySet()) {
      Set<String> possible = categories.get(entry.getKey());
      if (possible != null && possible.stream().noneMatch(java.util.Objects::isNull)
          && entry.getValue().containsAll(possible)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For each categorical and label column of {@code transformer}: the values its decoder can produce (the kept
   * categories, the category {@code __other__} decodes to, and null when it has a null position).
   */
  public static Map<String, Set<String>> categories(TableTransformer transformer) {
    Map<String, Set<String>> categories = new LinkedHashMap<>();
    for (ColumnTransform transform : transformer.transforms()) {
      if (!(transform instanceof CategoricalTransform)) {
        continue;
      }
      CategoricalTransform categorical = (CategoricalTransform) transform;
      Set<String> values = new HashSet<>(categorical.categories());
      if (!categorical.folded().isEmpty()) {
        values.add(categorical.folded().get(0));
      }
      if (categorical.nullCount() > 0) {
        values.add(null);
      }
      categories.put(transform.column(), values);
    }
    return categories;
  }

  public RowSchema schema() {
    return schema;
  }

  /** Every rule, enforced or not: declared ones first. */
  public List<Rule> rules() {
    return rules;
  }

  /** The enforced rules, checked on every generated row. */
  public List<Rule> enforced() {
    return checks;
  }

  /** Whether any rule is enforced. */
  public boolean enforces() {
    return !checks.isEmpty();
  }

  /** Columns computed for every row and so not generated: they leave the generator's layout. */
  public Set<String> derivedColumns() {
    return derivedColumns;
  }

  /** The constraints computing columns, in the order {@link #derive} applies them. */
  public List<Constraint> derivations() {
    return derivations;
  }

  /**
   * The categorical or label column the enforced rules turn on most (named by their conditions, fixed combinations
   * and categorical equalities; ties in table order), if any. The sampler draws a rejected row again under that
   * column's value, so that rejections do not shift the column's frequencies towards the categories the model
   * handles best.
   */
  public Optional<String> anchor() {
    Map<String, Integer> counts = new HashMap<>();
    for (Rule rule : checks) {
      Constraint constraint = rule.constraint();
      constraint.condition().ifPresent(condition -> counts.merge(condition.column(), 1, Integer::sum));
      if (constraint instanceof FixedCombinations
          || constraint instanceof Equality && !((Equality) constraint).numeric()) {
        constraint.bodyColumns().forEach(column -> counts.merge(column, 1, Integer::sum));
      }
    }
    String best = null;
    for (String column : schema.table().columnNames()) {
      if (counts.containsKey(column) && schema.spec(column).role().isDiscrete()
          && (best == null || counts.get(column) > counts.get(best))) {
        best = column;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Computes the derived columns of a decoded row (in place), then rounds the columns with fixed decimals. */
  public void derive(Object[] row) {
    for (Constraint derivation : derivations) {
      derivation.enforce(row, schema);
    }
    for (Constraint adjustment : adjustments) {
      adjustment.enforce(row, schema);
    }
  }

  /** The first enforced rule {@code row} breaks, or null when it satisfies them all. */
  public Rule violation(Object[] row) {
    for (Rule rule : checks) {
      if (rule.constraint().check(row, schema) == Outcome.VIOLATED) {
        return rule;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ConstraintSet(" + rules.size() + " rules, " + checks.size() + " enforced, derived " + derivedColumns + ")";
  }
}
