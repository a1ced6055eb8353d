package io.synthforge.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order between two numeric (or datetime) columns, or a column and a constant, possibly under a condition:
 * {@code amount <= oldbalance_org when type in (PAYMENT)}, {@code amount > 0}. Enforced by drawing the rows that
 * break it again.
 */
public final class Inequality implements Constraint {
  private static final long serialVersionUID = 1L;

  /** The comparison. */
  public enum Op {
    LE("<="),
    LT("<"),
    GE(">="),
    GT(">");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** As written: {@code <=}, {@code <}, {@code >=}, {@code >}. */
    public String symbol() {
      return symbol;
    }

    /** The operator {@code symbol} writes. */
    public static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException("Unknown comparison " + symbol);
    }
  }

  private final Operand left;
  private final Op op;
  private final Operand right;
  /** Null when the constraint holds on every row (Optional is not serialisable). */
  private final Condition condition;

  public Inequality(Operand left, Op op, Operand right, Optional<Condition> condition) {
    this.left = Objects.requireNonNull(left, "left");
    this.op = Objects.requireNonNull(op, "op");
    this.right = Objects.requireNonNull(right, "right");
    this.condition = Objects.requireNonNull(condition, "condition").orElse(null);
    if (!left.isColumn() && !right.isColumn()) {
      throw new ConstraintException("Cannot build inequality '" + left.text() + " " + op.symbol() + " " + right.text()
          + "': it names no column");
    }
    if (left.isLabel() || right.isLabel()) {
      throw new ConstraintException("Cannot build inequality '" + left.text() + " " + op.symbol() + " " + right.text()
          + "': only numbers and numeric columns can be compared");
    }
  }

  public Operand left() {
    return left;
  }

  public Op op() {
    return op;
  }

  public Operand right() {
    return right;
  }

  @Override
  public String kind() {
    return "inequality";
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  @Override
  public List<String> bodyColumns() {
    List<String> columns = new ArrayList<>();
    left.column().ifPresent(columns::add);
    right.column().filter(c -> !columns.contains(c)).ifPresent(columns::add);
    return columns;
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    if (!Constraint.selected(row, schema, condition())) {
      return Outcome.NOT_APPLICABLE;
    }
    double a = left.number(row, schema);
    double b = right.number(row, schema);
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Outcome.NOT_APPLICABLE;
    }
    double slack = RowSchema.slack(Math.max(Math.abs(a), Math.abs(b)));
    boolean holds;
    switch (op) {
      case LE:
        holds = a <= b + slack;
        break;
      case LT:
        holds = a < b - slack;
        break;
      case GE:
        holds = a + slack >= b;
        break;
      default:
        holds = a > b + slack;
        break;
    }
    return holds ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public String text() {
    return Constraint.withCondition(left.text() + " " + op.symbol() + " " + right.text(), condition());
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Inequality)) {
      return false;
    }
    Inequality that = (Inequality) other;
    return left.equals(that.left) && op == that.op && right.equals(that.right)
        && Objects.equals(condition, that.condition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(left, op, right, condition);
  }

  @Override
  public String toString() {
    return text();
  }
}
