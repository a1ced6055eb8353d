package io.synthforge.constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Categorical columns whose values only come in the combinations the real data hold (SDV's FixedCombinations):
 * {@code fixed combinations (type, merchant_category)}. The allowed combinations are learned from the real rows
 * when the model is trained ({@link #fitted}) and kept in the model bundle; the text names only the columns.
 * Enforced by drawing rows with an unseen combination again. A missing value is a value of its own.
 */
public final class FixedCombinations implements Constraint {
  private static final long serialVersionUID = 1L;
  /** The most combinations a constraint may allow: beyond that it is no constraint but a table. */
  public static final int MAX_COMBINATIONS = 100_000;

  private final List<String> columns;
  private final Set<List<String>> allowed;

  private FixedCombinations(List<String> columns, Set<List<String>> allowed) {
    this.columns = List.copyOf(columns);
    if (this.columns.size() < 2 || new LinkedHashSet<>(this.columns).size() != this.columns.size()) {
      throw new ConstraintException("Cannot build fixed combinations of " + columns
          + ": name at least two different columns");
    }
    this.allowed = allowed == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
  }

  /** Not fitted yet: the combinations of {@code columns} are learned from the real rows at training time. */
  public static FixedCombinations of(List<String> columns) {
    return new FixedCombinations(columns, null);
  }

  /** The constraint allowing exactly {@code combinations} (labels in column order; null for a missing value). */
  public FixedCombinations fitted(Set<List<String>> combinations) {
    if (combinations.size() > MAX_COMBINATIONS) {
      throw new ConstraintException("Cannot use " + text() + ": the real data hold " + combinations.size()
          + " combinations, more than " + MAX_COMBINATIONS + " (choose columns with fewer values)");
    }
    for (List<String> combination : combinations) {
      if (combination.size() != columns.size()) {
        throw new ConstraintException("Cannot use " + text() + ": combination " + combination + " has "
            + combination.size() + " values, not " + columns.size());
      }
    }
    return new FixedCombinations(columns, combinations);
  }

  /** Whether the allowed combinations are known. */
  public boolean isFitted() {
    return allowed != null;
  }

  /** The allowed combinations (labels in column order, null for a missing value). */
  public Set<List<String>> allowed() {
    if (allowed == null) {
      throw new IllegalStateException("Cannot list the combinations of " + text() + ": it is not fitted to data");
    }
    return allowed;
  }

  @Override
  public String kind() {
    return "fixed-combinations";
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.empty();
  }

  @Override
  public List<String> bodyColumns() {
    return columns;
  }

  /** The labels of the columns in {@code row}, in column order (null for a missing value). */
  public List<String> combination(Object[] row, RowSchema schema) {
    List<String> labels = new ArrayList<>(columns.size());
    for (String column : columns) {
      labels.add(schema.label(row, column));
    }
    return labels;
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    return allowed().contains(combination(row, schema)) ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public String text() {
    StringBuilder text = new StringBuilder("fixed combinations (");
    for (int i = 0; i < columns.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(ConstraintText.name(columns.get(i)));
    }
    return text.append(')').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FixedCombinations && columns.equals(((FixedCombinations) other).columns)
        && Objects.equals(allowed, ((FixedCombinations) other).allowed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, allowed);
  }

  @Override
  public String toString() {
    return text();
  }
}
