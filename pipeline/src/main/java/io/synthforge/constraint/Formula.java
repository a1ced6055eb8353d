package io.synthforge.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A numeric column computed from others: {@code target = k1 * a + k2 * b + ... + constant}, written
 * {@code c = a - b}, {@code c = a * 0.5}, {@code total = a + b + c + 10}. Enforced by construction: the target is
 * computed after decoding (and, when the formulas of a column cover every row, not generated at all).
 */
public final class Formula implements Constraint {
  private static final long serialVersionUID = 1L;

  /** One term {@code coefficient * column}. */
  public static final class Term implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double coefficient;
    private final String column;

    public Term(double coefficient, String column) {
      this.coefficient = coefficient;
      this.column = Objects.requireNonNull(column, "column");
    }

    public double coefficient() {
      return coefficient;
    }

    public String column() {
      return column;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Term && Double.compare(coefficient, ((Term) other).coefficient) == 0
          && column.equals(((Term) other).column);
    }

    @Override
    public int hashCode() {
      return Objects.hash(coefficient, column);
    }
  }

  private final String target;
  private final List<Term> terms;
  private final double constant;
  /** Null when the constraint holds on every row (Optional is not serialisable). */
  private final Condition condition;

  public Formula(String target, List<Term> terms, double constant, Optional<Condition> condition) {
    this.target = Objects.requireNonNull(target, "target");
    this.terms = List.copyOf(terms);
    this.constant = constant;
    this.condition = Objects.requireNonNull(condition, "condition").orElse(null);
    if (this.terms.isEmpty()) {
      throw new ConstraintException("Cannot build formula for column '" + target + "': it has no column on the right");
    }
    for (Term term : this.terms) {
      if (term.column().equals(target)) {
        throw new ConstraintException("Cannot build formula for column '" + target + "': it appears on both sides");
      }
    }
  }

  public List<Term> terms() {
    return terms;
  }

  public double constant() {
    return constant;
  }

  @Override
  public String kind() {
    return "formula";
  }

  @Override
  public Optional<String> target() {
    return Optional.of(target);
  }

  @Override
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  @Override
  public List<String> bodyColumns() {
    List<String> columns = new ArrayList<>();
    columns.add(target);
    for (Term term : terms) {
      if (!columns.contains(term.column())) {
        columns.add(term.column());
      }
    }
    return columns;
  }

  /** The right side's value in {@code row}, and the largest magnitude involved; NaN when an input is missing. */
  private double[] evaluate(Object[] row, RowSchema schema) {
    double sum = constant;
    double magnitude = Math.abs(constant);
    for (Term term : terms) {
      double value = schema.number(row, term.column());
      if (Double.isNaN(value)) {
        return new double[] {Double.NaN, 0};
      }
      double product = term.coefficient() * value;
      sum += product;
      magnitude = Math.max(magnitude, Math.abs(product));
    }
    return new double[] {sum, Math.max(magnitude, Math.abs(sum))};
  }

  @Override
  public Outcome check(Object[] row, RowSchema schema) {
    if (!Constraint.selected(row, schema, condition())) {
      return Outcome.NOT_APPLICABLE;
    }
    double actual = schema.number(row, target);
    double[] expected = evaluate(row, schema);
    if (Double.isNaN(actual) || Double.isNaN(expected[0])) {
      return Outcome.NOT_APPLICABLE;
    }
    double tolerance = schema.tolerance(target, Math.max(expected[1], Math.abs(actual)));
    return Math.abs(actual - expected[0]) <= tolerance ? Outcome.HOLDS : Outcome.VIOLATED;
  }

  @Override
  public boolean enforce(Object[] row, RowSchema schema) {
    if (!Constraint.selected(row, schema, condition())) {
      return false;
    }
    double[] expected = evaluate(row, schema);
    if (Double.isNaN(expected[0])) {
      return false;
    }
    row[schema.position(target)] = Values.typed(Values.round(expected[0], schema.decimals(target)),
        schema.spec(target).type());
    return true;
  }

  @Override
  public String text() {
    StringBuilder body = new StringBuilder(ConstraintText.name(target)).append(" =");
    boolean first = true;
    for (Term term : terms) {
      double k = term.coefficient();
      String sign = k < 0 ? "-" : "+";
      double magnitude = Math.abs(k);
      if (first) {
        body.append(k < 0 ? " -" : " ");
      } else {
        body.append(' ').append(sign).append(' ');
      }
      body.append(ConstraintText.name(term.column()));
      if (magnitude != 1.0) {
        body.append(" * ").append(Values.format(magnitude));
      }
      first = false;
    }
    if (constant != 0) {
      body.append(constant < 0 ? " - " : " + ").append(Values.format(Math.abs(constant)));
    }
    return Constraint.withCondition(body.toString(), condition());
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Formula)) {
      return false;
    }
    Formula that = (Formula) other;
    return target.equals(that.target) && terms.equals(that.terms) && Double.compare(constant, that.constant) == 0
        && Objects.equals(condition, that.condition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, terms, constant, condition);
  }

  @Override
  public String toString() {
    return text();
  }
}
