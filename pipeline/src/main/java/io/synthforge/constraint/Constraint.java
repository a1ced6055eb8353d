package io.synthforge.constraint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule the rows of a table obey, declared by a person (a pipeline's {@code constraints:}, {@code train
 * --constraints FILE}) or discovered in the data at ingest. Declared and discovered rules share this model and
 * its text: {@link #text()} renders what a person writes, {@link ConstraintParser#parse} reads it back.
 *
 * <p>Rows are {@code Object[]} in table column order (see {@link RowSchema}). Kinds: {@link Formula}
 * ({@code c = a - b}, {@code c = a * 0.5}, sums), {@link Equality} ({@code a = b}, {@code a = 0},
 * {@code merchant_category = p2p}), {@link Inequality} ({@code a <= b}, {@code a > 0}), {@link ValueRange}
 * ({@code a between 0 and 1}), {@link Decimals} ({@code a has 2 decimals}, {@code n is integer}) and
 * {@link FixedCombinations}; the first four may hold only {@code when c in (v1, v2)}. Immutable and serialisable,
 * so constraints travel to executors.
 */
public sealed interface Constraint extends Serializable
    permits Formula, Equality, Inequality, ValueRange, Decimals, FixedCombinations {

  /** The kind: formula, equality, inequality, range, decimals or fixed-combinations. */
  String kind();

  /** The constraint as a person writes it, e.g. {@code newbalance_orig = oldbalance_org - amount when type in (PAYMENT)}. */
  String text();

  /** The rows it is about; empty when it is about every row. */
  Optional<Condition> condition();

  /** The columns its body reads or writes, in the order written (the condition's column not included). */
  List<String> bodyColumns();

  /** The column it can compute from the others (the left side of {@code =}), if any. */
  default Optional<String> target() {
    return Optional.empty();
  }

  /** Whether {@code row} satisfies it; rows outside its condition, or missing a value it needs, are not applicable. */
  Outcome check(Object[] row, RowSchema schema);

  /**
   * Makes {@code row} satisfy it by construction where that is possible: computes {@link #target()} from the other
   * columns (rounded to the target's decimals), or rounds a value to its decimals. Does nothing on rows outside the
   * condition or missing an input; returns whether it wrote a value.
   */
  default boolean enforce(Object[] row, RowSchema schema) {
    return false;
  }

  /** Every column it reads or writes, the condition's column included. */
  default List<String> columns() {
    List<String> columns = new ArrayList<>(bodyColumns());
    condition().ifPresent(condition -> {
      if (!columns.contains(condition.column())) {
        columns.add(condition.column());
      }
    });
    return columns;
  }

  /** The columns its {@link #target()} is computed from: every other column, the condition's included. */
  default List<String> inputs() {
    List<String> inputs = new ArrayList<>(columns());
    target().ifPresent(inputs::remove);
    return inputs;
  }

  /** {@code body} followed by the condition's text, when there is one. */
  static String withCondition(String body, Optional<Condition> condition) {
    return condition.map(c -> body + " " + c.text()).orElse(body);
  }

  /** Whether the condition (if any) selects {@code row}. */
  static boolean selected(Object[] row, RowSchema schema, Optional<Condition> condition) {
    return condition.isEmpty() || condition.get().applies(row, schema);
  }
}
