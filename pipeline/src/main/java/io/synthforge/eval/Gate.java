package io.synthforge.eval;

import io.synthforge.api.UsageException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold on one headline metric that an evaluation must meet: {@code metric>=value} (higher is better, e.g.
 * {@code quality>=0.8}) or {@code metric<=value} (lower is better, e.g. {@code exact_copy_rate<=0.001}). One syntax
 * for both directions keeps the CLI to a single repeatable {@code --gate} option.
 *
 * @param metric a key of {@link EvaluationReport#headline()}
 * @param atLeast true for {@code >=}, false for {@code <=}
 * @param threshold the bound, inclusive
 */
public record Gate(String metric, boolean atLeast, double threshold) {
  private static final Pattern SPEC = Pattern.compile("\\s*([a-z0-9_]+)\\s*(>=|<=)\\s*(\\S+)\\s*");

  /** The gate written as {@code metric>=value} or {@code metric<=value}. */
  public static Gate parse(String spec) {
    Matcher matcher = SPEC.matcher(spec == null ? "" : spec);
    if (!matcher.matches()) {
      throw new UsageException(
          "Cannot parse gate '" + spec + "': expected <metric>>=<number> or <metric><=<number>, e.g. quality>=0.8");
    }
    String metric = matcher.group(1);
    if (!EvaluationReport.HEADLINE_KEYS.contains(metric)) {
      throw new UsageException(
          "Cannot parse gate '" + spec + "': unknown metric '" + metric + "'; expected one of "
              + String.join(", ", EvaluationReport.HEADLINE_KEYS));
    }
    double threshold;
    try {
      threshold = Double.parseDouble(matcher.group(3));
    } catch (NumberFormatException e) {
      throw new UsageException("Cannot parse gate '" + spec + "': '" + matcher.group(3) + "' is not a number", e);
    }
    if (Double.isNaN(threshold)) {
      throw new UsageException("Cannot parse gate '" + spec + "': the threshold is NaN");
    }
    return new Gate(metric, matcher.group(2).equals(">="), threshold);
  }

  /** The failure message when {@code value} (null when not computed) misses this gate; null when it passes. */
  public String failure(Double value) {
    if (value == null) {
      return "Cannot pass gate " + this + ": " + metric + " was not computed";
    }
    if (Double.isNaN(value)) {
      return "Cannot pass gate " + this + ": " + metric + " is undefined (NaN)";
    }
    boolean passes = atLeast ? value >= threshold : value <= threshold;
    return passes ? null : "Cannot pass gate " + this + ": " + metric + " is " + format(value);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  @Override
  public String toString() {
    return metric + (atLeast ? ">=" : "<=") + threshold;
  }
}
