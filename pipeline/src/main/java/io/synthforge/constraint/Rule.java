package io.synthforge.constraint;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A constraint as a pipeline holds it: where it came from, how well the real data support it and whether
 * generated rows are made to satisfy it. Immutable.
 */
public final class Rule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where a rule came from. */
  public enum Origin {
    /** Written by a person (pipeline {@code constraints:}, {@code --constraints FILE}). */
    DECLARED,
    /** Found in the real data at ingest. */
    DISCOVERED;

    /** {@code declared} or {@code discovered}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The origin {@code key} names. */
    public static Origin parse(String key) {
      return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Constraint constraint;
  private final Origin origin;
  private final boolean enforced;
  private final Support support;

  private Rule(Constraint constraint, Origin origin, boolean enforced, Support support) {
    this.constraint = Objects.requireNonNull(constraint, "constraint");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.enforced = enforced;
    this.support = Objects.requireNonNull(support, "support");
  }

  public static Rule of(Constraint constraint, Origin origin, boolean enforced, Support support) {
    return new Rule(constraint, origin, enforced, support);
  }

  public Constraint constraint() {
    return constraint;
  }

  public Origin origin() {
    return origin;
  }

  /** Whether generated rows are made to satisfy it (by construction or by drawing them again). */
  public boolean enforced() {
    return enforced;
  }

  /** Its support in the real training rows. */
  public Support support() {
    return support;
  }

  /** The same rule with another constraint (e.g. fitted fixed combinations). */
  public Rule with(Constraint replacement) {
    return new Rule(replacement, origin, enforced, support);
  }

  /** The same rule with the given support. */
  public Rule with(Support measured) {
    return new Rule(constraint, origin, enforced, measured);
  }

  /** The same rule, enforced or not. */
  public Rule enforced(boolean value) {
    return new Rule(constraint, origin, value, support);
  }

  /** The constraint's text. */
  public String text() {
    return constraint.text();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Rule)) {
      return false;
    }
    Rule that = (Rule) other;
    return constraint.equals(that.constraint) && origin == that.origin && enforced == that.enforced
        && support.equals(that.support);
  }

  @Override
  public int hashCode() {
    return Objects.hash(constraint, origin, enforced, support);
  }

  @Override
  public String toString() {
    return constraint.text() + " [" + origin.key() + (enforced ? ", enforced" : "") + ", " + support + "]";
  }
}
