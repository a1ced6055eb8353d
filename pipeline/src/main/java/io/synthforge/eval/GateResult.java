package io.synthforge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking gates against a report: which failed and why. A job exits with {@link #exitCode()}.
 *
 * @param gates the gates checked
 * @param failures one message per failed gate, in gate order
 */
public record GateResult(List<Gate> gates, List<String> failures) {
  public GateResult {
    gates = List.copyOf(gates);
    failures = List.copyOf(failures);
  }

  /** {@code gates} checked against the {@code headline} metrics; a metric not in it fails its gate. */
  public static GateResult check(List<Gate> gates, Map<String, Double> headline) {
    List<String> failures = new ArrayList<>();
    for (Gate gate : gates) {
      String failure = gate.failure(headline.get(gate.metric()));
      if (failure != null) {
        failures.add(failure);
      }
    }
    return new GateResult(gates, failures);
  }

  /** {@code gates} checked against {@code report}'s headline. */
  public static GateResult check(List<Gate> gates, EvaluationReport report) {
    return check(gates, report.headline());
  }

  /** Whether every gate passed. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** 0 when every gate passed, else 1. */
  public int exitCode() {
    return passed() ? 0 : 1;
  }
}
