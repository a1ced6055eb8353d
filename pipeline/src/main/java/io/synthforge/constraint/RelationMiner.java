package io.synthforge.constraint;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds candidate exact relations in a table, in two passes over its rows with mergeable per-partition counters
 * (so the Spark glue is a {@code mapPartitions} and a reduce per pass; see
 * {@code io.synthforge.constraint.spark.RelationMining}). Spark-free.
 *
 * <p>Candidates, among continuous columns: {@code a = b}, {@code a + b = c} (so also {@code c - b = a}) and
 * {@code a <= b}; among datetime columns of one type: {@code a = b} and {@code a <= b}; for every continuous,
 * categorical and label column: a constant value. Each is counted on the whole table and within every value of
 * every categorical or label column with at most {@code max-condition-values} values ("groups"): pass 1 finds each
 * column's majority value per group (a one-counter Misra-Gries summary) and its range per group, pass 2 counts for
 * every candidate and group the rows it applies to and the rows it holds on. Numbers compare within the column's
 * recorded decimals ({@link RowSchema#tolerance}).
 *
 * <p>A relation is kept when it holds on at least {@code min-support} of the rows (of at least {@code min-rows});
 * one that does not hold on the whole table is kept under the condition {@code when c in (v1, ...)} naming the
 * values of one column within which it holds, choosing the column whose values hold it with enforceable support and
 * cover the most rows. An inequality that
 * the columns' ranges alone imply (every value of a below every value of b) is not a relation. Finally relations
 * implied by others kept for the same rows are dropped: an equality implied by constants and other equalities, a
 * sum by a zero and an equality, an inequality by equalities, sums with a non-negative addend (a declared
 * {@code min} of 0 or more) and other inequalities.
 */
public final class RelationMiner implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int EQ = 0;
  private static final int LE = 1;
  private static final int SUM = 2;
  private static final int CONST = 3;

  private final RowSchema schema;
  private final MiningOptions options;
  private final String[] ordered;
  private final int[] orderedPosition;
  private final String[] targets;
  private final int[] targetPosition;
  private final boolean[] targetNumeric;
  private final int[] targetOwnCondition;
  private final String[] conditions;
  private final int[] conditionPosition;
  private final List<List<String>> conditionValues;
  private final List<Map<String, Integer>> conditionIndex;
  private final int[] groupBase;
  private final int groups;
  private final int[][] bodies;
  private final double[] bodyStep;

  private RelationMiner(RowSchema schema, Map<String, List<String>> categories, MiningOptions options) {
    this.schema = schema;
    this.options = options;
    TableMetadata table = schema.table();
    List<String> continuous = new ArrayList<>();
    List<String> temporal = new ArrayList<>();
    List<String> constantTargets = new ArrayList<>();
    List<String> conditioning = new ArrayList<>();
    for (ColumnSpec column : table.learnedColumns()) {
      if (column.role() == ColumnRole.CONTINUOUS) {
        continuous.add(column.name());
        constantTargets.add(column.name());
      } else if (column.role() == ColumnRole.DATETIME) {
        temporal.add(column.name());
      } else if (column.role().isDiscrete()) {
        constantTargets.add(column.name());
        List<String> values = categories.getOrDefault(column.name(), List.of());
        if (values.size() >= 2 && values.size() <= options.maxConditionValues()) {
          conditioning.add(column.name());
        }
      }
    }
    List<String> all = new ArrayList<>(continuous);
    all.addAll(temporal);
    this.ordered = all.toArray(new String[0]);
    this.orderedPosition = positions(ordered);
    this.targets = constantTargets.toArray(new String[0]);
    this.targetPosition = positions(targets);
    this.targetNumeric = new boolean[targets.length];
    for (int t = 0; t < targets.length; t++) {
      targetNumeric[t] = schema.spec(targets[t]).role() == ColumnRole.CONTINUOUS;
    }
    this.conditions = conditioning.toArray(new String[0]);
    this.conditionPosition = positions(conditions);
    this.conditionValues = new ArrayList<>();
    this.conditionIndex = new ArrayList<>();
    this.groupBase = new int[conditions.length];
    int next = 1;
    for (int c = 0; c < conditions.length; c++) {
      List<String> values = List.copyOf(categories.get(conditions[c]));
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < values.size(); k++) {
        index.put(values.get(k), k);
      }
      conditionValues.add(values);
      conditionIndex.add(index);
      groupBase[c] = next;
      next += values.size();
    }
    this.groups = next;
    this.targetOwnCondition = new int[targets.length];
    for (int t = 0; t < targets.length; t++) {
      targetOwnCondition[t] = Arrays.asList(conditions).indexOf(targets[t]);
    }
    List<int[]> list = new ArrayList<>();
    int numeric = continuous.size();
    for (int a = 0; a < ordered.length; a++) {
      for (int b = a + 1; b < ordered.length; b++) {
        if (!comparable(a, b, numeric)) {
          continue;
        }
        list.add(new int[] {EQ, a, b, -1});
        list.add(new int[] {LE, a, b, -1});
        list.add(new int[] {LE, b, a, -1});
      }
    }
    if (numeric <= options.maxSumColumns()) {
      for (int i = 0; i < numeric; i++) {
        for (int j = i + 1; j < numeric; j++) {
          for (int k = 0; k < numeric; k++) {
            if (k != i && k != j) {
              list.add(new int[] {SUM, i, j, k});
            }
          }
        }
      }
    }
    this.bodies = list.toArray(new int[0][]);
    this.bodyStep = new double[bodies.length];
    for (int b = 0; b < bodies.length; b++) {
      bodyStep[b] = step(bodies[b]);
    }
  }

  /**
   * The miner of {@code schema}'s table; {@code categories} lists each categorical and label column's values (in
   * the order relations should name them).
   */
  public static RelationMiner of(RowSchema schema, Map<String, List<String>> categories, MiningOptions options) {
    return new RelationMiner(schema, categories, options);
  }

  private boolean comparable(int a, int b, int numeric) {
    if (a < numeric && b < numeric) {
      return true;
    }
    return a >= numeric && b >= numeric && schema.spec(ordered[a]).type() == schema.spec(ordered[b]).type();
  }

  private int[] positions(String[] names) {
    int[] positions = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      positions[i] = schema.position(names[i]);
    }
    return positions;
  }

  /** Half the finest unit of the body's columns (-1 when one of them has no fixed decimals). */
  private double step(int[] body) {
    int finest = 0;
    for (int i = 1; i < 4; i++) {
      if (body[i] < 0) {
        continue;
      }
      int places = schema.decimals(ordered[body[i]]);
      if (places < 0) {
        return -1;
      }
      finest = Math.max(finest, places);
    }
    return 0.5 * Math.pow(10, -finest);
  }

  /** The number of candidate relations between columns (pairs and sums) the second pass counts. */
  public int candidates() {
    return bodies.length;
  }

  /** Groups rows are counted in: the whole table, and each value of each conditioning column. */
  public int groups() {
    return groups;
  }

  /** The groups {@code row} belongs to: the whole table first, then one per conditioning column (-1 when none). */
  private int[] groupsOf(Object[] row) {
    int[] of = new int[conditions.length + 1];
    of[0] = 0;
    for (int c = 0; c < conditions.length; c++) {
      String label = Values.label(row[conditionPosition[c]]);
      Integer index = label == null ? null : conditionIndex.get(c).get(label);
      of[c + 1] = index == null ? -1 : groupBase[c] + index;
    }
    return of;
  }

  /** Pass 1: each constant target's majority value and each ordered column's range, per group. Mergeable. */
  public static final class Profile implements Serializable {
    private static final long serialVersionUID = 1L;
    final Object[] candidate;
    final long[] weight;
    final double[] min;
    final double[] max;

    Profile(int targets, int ordered, int groups) {
      this.candidate = new Object[targets * groups];
      this.weight = new long[targets * groups];
      this.min = new double[ordered * groups];
      this.max = new double[ordered * groups];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Adds {@code other}'s rows to this profile (Misra-Gries merge of the majority counters). */
    public Profile merge(Profile other) {
      for (int i = 0; i < candidate.length; i++) {
        if (other.candidate[i] == null) {
          continue;
        }
        if (candidate[i] == null || candidate[i].equals(other.candidate[i])) {
          candidate[i] = other.candidate[i];
          weight[i] += other.weight[i];
        } else if (other.weight[i] > weight[i]) {
          candidate[i] = other.candidate[i];
          weight[i] = other.weight[i] - weight[i];
        } else {
          weight[i] -= other.weight[i];
        }
      }
      for (int i = 0; i < min.length; i++) {
        min[i] = Math.min(min[i], other.min[i]);
        max[i] = Math.max(max[i], other.max[i]);
      }
      return this;
    }
  }

  /** Pass 2: rows applicable to and holding each candidate, per group. Mergeable. */
  public static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] rows;
    final long[] holding;
    final long[] constantRows;
    final long[] constantHolding;

    Counts(int bodies, int targets, int groups) {
      this.rows = new long[bodies * groups];
      this.holding = new long[bodies * groups];
      this.constantRows = new long[targets * groups];
      this.constantHolding = new long[targets * groups];
    }

    /** Adds {@code other}'s counts to these. */
    public Counts merge(Counts other) {
      add(rows, other.rows);
      add(holding, other.holding);
      add(constantRows, other.constantRows);
      add(constantHolding, other.constantHolding);
      return this;
    }

    private static void add(long[] into, long[] from) {
      for (int i = 0; i < into.length; i++) {
        into[i] += from[i];
      }
    }
  }

  /** An empty pass-1 profile. */
  public Profile newProfile() {
    return new Profile(targets.length, ordered.length, groups);
  }

  /** Adds one row to a pass-1 profile. */
  public void profile(Object[] row, Profile profile) {
    int[] of = groupsOf(row);
    for (int t = 0; t < targets.length; t++) {
      Object value = constantKey(row[targetPosition[t]], t);
      if (value == null) {
        continue;
      }
      for (int c = 0; c < of.length; c++) {
        int g = of[c];
        if (g < 0 || c - 1 == targetOwnCondition[t] && c > 0) {
          continue;
        }
        int i = t * groups + g;
        if (value.equals(profile.candidate[i])) {
          profile.weight[i]++;
        } else if (profile.weight[i] == 0) {
          profile.candidate[i] = value;
          profile.weight[i] = 1;
        } else {
          profile.weight[i]--;
        }
      }
    }
    for (int o = 0; o < ordered.length; o++) {
      double value = Values.number(row[orderedPosition[o]]);
      if (Double.isNaN(value)) {
        continue;
      }
      for (int g : of) {
        if (g >= 0) {
          int i = o * groups + g;
          profile.min[i] = Math.min(profile.min[i], value);
          profile.max[i] = Math.max(profile.max[i], value);
        }
      }
    }
  }

  /** The value a constant target is compared by: a double (no -0.0) or a label; null when missing. */
  private Object constantKey(Object value, int target) {
    if (targetNumeric[target]) {
      double number = Values.number(value);
      return Double.isNaN(number) ? null : (Object) (number == 0 ? 0.0 : number);
    }
    return Values.label(value);
  }

  /** An empty pass-2 counter. */
  public Counts newCounts() {
    return new Counts(bodies.length, targets.length, groups);
  }

  /** Adds one row to the pass-2 counts; {@code profile} is the merged pass-1 result. */
  public void count(Object[] row, Profile profile, Counts counts) {
    int[] of = groupsOf(row);
    double[] x = new double[ordered.length];
    for (int o = 0; o < ordered.length; o++) {
      x[o] = Values.number(row[orderedPosition[o]]);
    }
    for (int b = 0; b < bodies.length; b++) {
      int[] body = bodies[b];
      double a = x[body[1]];
      double c = x[body[2]];
      if (Double.isNaN(a) || Double.isNaN(c)) {
        continue;
      }
      boolean holds;
      if (body[0] == EQ) {
        holds = Math.abs(a - c) <= tolerance(b, Math.max(Math.abs(a), Math.abs(c)));
      } else if (body[0] == LE) {
        holds = a <= c + RowSchema.slack(Math.max(Math.abs(a), Math.abs(c)));
      } else {
        double sum = x[body[3]];
        if (Double.isNaN(sum)) {
          continue;
        }
        double magnitude = Math.max(Math.abs(a), Math.max(Math.abs(c), Math.abs(sum)));
        holds = Math.abs(a + c - sum) <= tolerance(b, magnitude);
      }
      for (int g : of) {
        if (g >= 0) {
          counts.rows[b * groups + g]++;
          if (holds) {
            counts.holding[b * groups + g]++;
          }
        }
      }
    }
    for (int t = 0; t < targets.length; t++) {
      Object value = constantKey(row[targetPosition[t]], t);
      if (value == null) {
        continue;
      }
      for (int c = 0; c < of.length; c++) {
        int g = of[c];
        if (g < 0 || c > 0 && c - 1 == targetOwnCondition[t]) {
          continue;
        }
        int i = t * groups + g;
        Object candidate = profile.candidate[i];
        if (candidate == null) {
          continue;
        }
        counts.constantRows[i]++;
        if (sameConstant(value, candidate, t)) {
          counts.constantHolding[i]++;
        }
      }
    }
  }

  private double tolerance(int body, double magnitude) {
    double slack = RowSchema.slack(magnitude);
    return bodyStep[body] < 0 ? slack : bodyStep[body] + slack;
  }

  private boolean sameConstant(Object value, Object candidate, int target) {
    if (!targetNumeric[target]) {
      return value.equals(candidate);
    }
    double a = (Double) value;
    double b = (Double) candidate;
    return Math.abs(a - b) <= schema.tolerance(targets[target], Math.max(Math.abs(a), Math.abs(b)));
  }

  /** A relation found: its kind, columns, constant, condition and support. */
  private static final class Found {
    final int kind;
    final int[] columns;
    final Object constant;
    final int condition;
    final List<Integer> values;
    final long rows;
    final long holding;

    Found(int kind, int[] columns, Object constant, int condition, List<Integer> values, long rows, long holding) {
      this.kind = kind;
      this.columns = columns;
      this.constant = constant;
      this.condition = condition;
      this.values = values;
      this.rows = rows;
      this.holding = holding;
    }

    boolean coversValue(int otherCondition, int value) {
      return condition < 0 || condition == otherCondition && values.contains(value);
    }
  }

  /** A conditional choice under construction: the values of one column within which a candidate holds. */
  private static final class Choice {
    final int condition;
    final List<Integer> values = new ArrayList<>();
    long rows;
    long holding;

    Choice(int condition) {
      this.condition = condition;
    }

    /** Enforceable support first (a weaker condition covering more rows must not hide it), then rows, then brevity. */
    boolean betterThan(Choice other, double enforceSupport) {
      if (other == null) {
        return true;
      }
      boolean strong = holding >= enforceSupport * rows;
      boolean otherStrong = other.holding >= enforceSupport * other.rows;
      if (strong != otherStrong) {
        return strong;
      }
      if (rows != other.rows) {
        return rows > other.rows;
      }
      return values.size() < other.values.size();
    }
  }

  private boolean supported(long rows, long holding) {
    return rows >= options.minRows() && holding >= options.minSupport() * rows;
  }

  /** Whether the columns' ranges in group {@code g} alone imply {@code a <= b}. */
  private boolean rangeImplied(Profile profile, int a, int b, int g) {
    double high = profile.max[a * groups + g];
    double low = profile.min[b * groups + g];
    return high <= low + RowSchema.slack(Math.max(Math.abs(high), Math.abs(low)));
  }

  /**
   * The relations the counts support, after dropping those implied by others: discovered rules, enforced when
   * the mode is {@link RelationsMode#ENFORCE} and their support reaches the enforcement threshold.
   */
  public List<Rule> relations(Profile profile, Counts counts) {
    List<Found> found = new ArrayList<>();
    for (int b = 0; b < bodies.length; b++) {
      int[] body = bodies[b];
      boolean order = body[0] == LE;
      long all = counts.rows[b * groups];
      long held = counts.holding[b * groups];
      if (supported(all, held) && !(order && rangeImplied(profile, body[1], body[2], 0))) {
        found.add(new Found(body[0], Arrays.copyOfRange(body, 1, body[0] == SUM ? 4 : 3), null, -1, List.of(), all, held));
        continue;
      }
      Choice best = null;
      for (int c = 0; c < conditions.length; c++) {
        Choice choice = new Choice(c);
        for (int k = 0; k < conditionValues.get(c).size(); k++) {
          int g = groupBase[c] + k;
          long rows = counts.rows[b * groups + g];
          long holding = counts.holding[b * groups + g];
          if (supported(rows, holding) && !(order && rangeImplied(profile, body[1], body[2], g))) {
            choice.values.add(k);
            choice.rows += rows;
            choice.holding += holding;
          }
        }
        if (!choice.values.isEmpty() && choice.betterThan(best, options.enforceSupport())) {
          best = choice;
        }
      }
      if (best != null) {
        found.add(new Found(body[0], Arrays.copyOfRange(body, 1, body[0] == SUM ? 4 : 3), null, best.condition,
            best.values, best.rows, best.holding));
      }
    }
    found.addAll(constants(profile, counts));
    return prune(found);
  }

  private List<Found> constants(Profile profile, Counts counts) {
    List<Found> found = new ArrayList<>();
    for (int t = 0; t < targets.length; t++) {
      Object global = profile.candidate[t * groups];
      if (targetNumeric[t] && global != null
          && supported(counts.constantRows[t * groups], counts.constantHolding[t * groups])) {
        found.add(new Found(CONST, new int[] {t}, global, -1, List.of(), counts.constantRows[t * groups],
            counts.constantHolding[t * groups]));
        continue;
      }
      Map<Object, Choice> best = new LinkedHashMap<>();
      for (int c = 0; c < conditions.length; c++) {
        if (c == targetOwnCondition[t]) {
          continue;
        }
        Map<Object, Choice> byValue = new LinkedHashMap<>();
        for (int k = 0; k < conditionValues.get(c).size(); k++) {
          int i = t * groups + groupBase[c] + k;
          Object candidate = profile.candidate[i];
          if (candidate == null || !supported(counts.constantRows[i], counts.constantHolding[i])) {
            continue;
          }
          Choice choice = byValue.computeIfAbsent(candidate, key -> new Choice(-1));
          choice.values.add(k);
          choice.rows += counts.constantRows[i];
          choice.holding += counts.constantHolding[i];
        }
        for (Map.Entry<Object, Choice> entry : byValue.entrySet()) {
          Choice choice = new Choice(c);
          choice.values.addAll(entry.getValue().values);
          choice.rows = entry.getValue().rows;
          choice.holding = entry.getValue().holding;
          if (choice.betterThan(best.get(entry.getKey()), options.enforceSupport())) {
            best.put(entry.getKey(), choice);
          }
        }
      }
      for (Map.Entry<Object, Choice> entry : best.entrySet()) {
        Choice choice = entry.getValue();
        found.add(new Found(CONST, new int[] {t}, entry.getKey(), choice.condition, choice.values, choice.rows,
            choice.holding));
      }
    }
    return found;
  }

  /** Keeps constants, then equalities, sums and inequalities not implied by what is already kept. */
  private List<Rule> prune(List<Found> found) {
    List<Found> kept = new ArrayList<>();
    for (int kind : new int[] {CONST, EQ, SUM, LE}) {
      List<Found> ofKind = new ArrayList<>();
      for (Found f : found) {
        if (f.kind == kind) {
          ofKind.add(f);
        }
      }
      ofKind.sort(Comparator.comparingLong((Found f) -> -f.rows));
      for (Found candidate : ofKind) {
        if (kind == CONST || !implied(candidate, kept)) {
          kept.add(candidate);
        }
      }
    }
    List<Rule> rules = new ArrayList<>();
    for (Found f : kept) {
      Support support = Support.of(f.rows, f.holding);
      boolean enforce = options.mode() == RelationsMode.ENFORCE && support.share() >= options.enforceSupport();
      rules.add(Rule.of(constraint(f), Rule.Origin.DISCOVERED, enforce, support));
    }
    return rules;
  }

  /** Whether, for every value of its condition, the facts kept for that value imply {@code candidate}. */
  private boolean implied(Found candidate, List<Found> kept) {
    List<Integer> scopes = candidate.condition < 0 ? List.of(-1) : candidate.values;
    for (int value : scopes) {
      List<Found> facts = new ArrayList<>();
      for (Found fact : kept) {
        if (candidate.condition < 0 ? fact.condition < 0 : fact.coversValue(candidate.condition, value)) {
          facts.add(fact);
        }
      }
      if (!new Facts(facts).implies(candidate)) {
        return false;
      }
    }
    return true;
  }

  /** What a set of relations holding on the same rows implies: classes of equal values and an order. */
  private final class Facts {
    private final Map<String, String> parent = new HashMap<>();
    private final List<Found> facts;

    Facts(List<Found> facts) {
      this.facts = facts;
      for (Found fact : facts) {
        if (fact.kind == CONST) {
          union(targetKey(fact.columns[0]), constantKey(fact.constant));
        } else if (fact.kind == EQ) {
          union(orderedKey(fact.columns[0]), orderedKey(fact.columns[1]));
        }
      }
    }

    private String targetKey(int t) {
      return "c:" + targets[t];
    }

    private String orderedKey(int o) {
      return "c:" + ordered[o];
    }

    private String constantKey(Object constant) {
      return constant instanceof Double ? "n:" + Values.format((Double) constant) : "l:" + constant;
    }

    private String find(String node) {
      String root = node;
      while (parent.containsKey(root)) {
        root = parent.get(root);
      }
      return root;
    }

    private void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        parent.put(ra, rb);
      }
    }

    /** The numeric constant of {@code node}'s class, if it holds one. */
    private Double constantOf(String node) {
      String root = find(node);
      for (String member : members()) {
        if (member.startsWith("n:") && find(member).equals(root)) {
          return Double.valueOf(member.substring(2));
        }
      }
      return null;
    }

    private Set<String> members() {
      Set<String> members = new HashSet<>(parent.keySet());
      members.addAll(parent.values());
      return members;
    }

    /** Whether every value of {@code node}'s class is at least {@code bound}: a constant, or a declared min. */
    private boolean atLeast(String node, double bound) {
      Double constant = constantOf(node);
      if (constant != null) {
        return constant >= bound;
      }
      String root = find(node);
      for (String member : classOf(node, root)) {
        if (member.startsWith("c:")) {
          Optional<Double> min = schema.spec(member.substring(2)).min();
          if (min.isPresent() && min.get() >= bound) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean atMost(String node, double bound) {
      Double constant = constantOf(node);
      if (constant != null) {
        return constant <= bound;
      }
      String root = find(node);
      for (String member : classOf(node, root)) {
        if (member.startsWith("c:")) {
          Optional<Double> max = schema.spec(member.substring(2)).max();
          if (max.isPresent() && max.get() <= bound) {
            return true;
          }
        }
      }
      return false;
    }

    private List<String> classOf(String node, String root) {
      List<String> members = new ArrayList<>();
      members.add(node);
      for (String member : members()) {
        if (!member.equals(node) && find(member).equals(root)) {
          members.add(member);
        }
      }
      return members;
    }

    boolean implies(Found candidate) {
      switch (candidate.kind) {
        case CONST:
          return find(targetKey(candidate.columns[0])).equals(find(constantKey(candidate.constant)));
        case EQ:
          return find(orderedKey(candidate.columns[0])).equals(find(orderedKey(candidate.columns[1])));
        case SUM:
          return impliesSum(candidate.columns);
        default:
          return impliesOrder(orderedKey(candidate.columns[0]), orderedKey(candidate.columns[1]));
      }
    }

    private boolean impliesSum(int[] columns) {
      String i = find(orderedKey(columns[0]));
      String j = find(orderedKey(columns[1]));
      String k = find(orderedKey(columns[2]));
      Double vi = constantOf(i);
      Double vj = constantOf(j);
      Double vk = constantOf(k);
      if (vi != null && vi == 0 && j.equals(k) || vj != null && vj == 0 && i.equals(k)) {
        return true;
      }
      if (vi != null && vj != null && vk != null && Math.abs(vi + vj - vk) <= RowSchema.slack(Math.abs(vk))) {
        return true;
      }
      for (Found fact : facts) {
        if (fact.kind != SUM) {
          continue;
        }
        String a = find(orderedKey(fact.columns[0]));
        String b = find(orderedKey(fact.columns[1]));
        String c = find(orderedKey(fact.columns[2]));
        if (c.equals(k) && (a.equals(i) && b.equals(j) || a.equals(j) && b.equals(i))) {
          return true;
        }
      }
      return false;
    }

    /** Whether {@code a <= b} follows: equal classes, or a path of known orders from a to b. */
    private boolean impliesOrder(String a, String b) {
      String from = find(a);
      String to = find(b);
      if (from.equals(to)) {
        return true;
      }
      Map<String, Set<String>> edges = new HashMap<>();
      Set<String> nodes = new HashSet<>(members());
      nodes.add(from);
      nodes.add(to);
      for (Found fact : facts) {
        if (fact.kind == LE) {
          edge(edges, orderedKey(fact.columns[0]), orderedKey(fact.columns[1]));
          nodes.add(orderedKey(fact.columns[0]));
          nodes.add(orderedKey(fact.columns[1]));
        } else if (fact.kind == SUM) {
          String x = orderedKey(fact.columns[0]);
          String y = orderedKey(fact.columns[1]);
          String z = orderedKey(fact.columns[2]);
          nodes.add(x);
          nodes.add(y);
          nodes.add(z);
          if (atLeast(y, 0)) {
            edge(edges, x, z);
          }
          if (atLeast(x, 0)) {
            edge(edges, y, z);
          }
        }
      }
      List<String> constants = new ArrayList<>();
      for (String node : nodes) {
        if (constantOf(node) != null) {
          constants.add(node);
        }
      }
      for (String p : constants) {
        double vp = constantOf(p);
        for (String q : nodes) {
          if (constantOf(q) != null) {
            if (vp <= constantOf(q)) {
              edge(edges, p, q);
            }
          } else {
            if (atLeast(q, vp)) {
              edge(edges, p, q);
            }
            if (atMost(q, vp)) {
              edge(edges, q, p);
            }
          }
        }
      }
      Deque<String> pending = new ArrayDeque<>();
      Set<String> seen = new HashSet<>();
      pending.add(from);
      while (!pending.isEmpty()) {
        String node = pending.poll();
        if (node.equals(to)) {
          return true;
        }
        if (seen.add(node)) {
          pending.addAll(edges.getOrDefault(node, Set.of()));
        }
      }
      return false;
    }

    private void edge(Map<String, Set<String>> edges, String from, String to) {
      edges.computeIfAbsent(find(from), key -> new HashSet<>()).add(find(to));
    }
  }

  /** The constraint a person would write for {@code f}: equalities and sums solved for their last column. */
  private Constraint constraint(Found f) {
    Optional<Condition> condition = Optional.empty();
    if (f.condition >= 0) {
      List<String> labels = new ArrayList<>();
      for (int k : f.values) {
        labels.add(conditionValues.get(f.condition).get(k));
      }
      condition = Optional.of(Condition.in(conditions[f.condition], labels));
    }
    TableMetadata table = schema.table();
    switch (f.kind) {
      case CONST: {
        String target = targets[f.columns[0]];
        return targetNumeric[f.columns[0]]
            ? new Equality(target, Operand.number((Double) f.constant), true, condition)
            : new Equality(target, Operand.label((String) f.constant), false, condition);
      }
      case EQ: {
        String a = ordered[f.columns[0]];
        String b = ordered[f.columns[1]];
        boolean aLater = table.indexOf(a) > table.indexOf(b);
        return new Equality(aLater ? a : b, Operand.column(aLater ? b : a), true, condition);
      }
      case LE:
        return new Inequality(Operand.column(ordered[f.columns[0]]), Inequality.Op.LE,
            Operand.column(ordered[f.columns[1]]), condition);
      default: {
        String i = ordered[f.columns[0]];
        String j = ordered[f.columns[1]];
        String k = ordered[f.columns[2]];
        String last = k;
        for (String column : List.of(i, j)) {
          if (table.indexOf(column) > table.indexOf(last)) {
            last = column;
          }
        }
        List<Formula.Term> terms = new ArrayList<>();
        if (last.equals(k)) {
          List<String> addends = new ArrayList<>(List.of(i, j));
          addends.sort(Comparator.comparingInt((String column) -> -table.indexOf(column)));
          addends.forEach(column -> terms.add(new Formula.Term(1, column)));
        } else {
          terms.add(new Formula.Term(1, k));
          terms.add(new Formula.Term(-1, last.equals(i) ? j : i));
        }
        return new Formula(last, terms, 0, condition);
      }
    }
  }
}
