package io.synthforge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {
  @Test
  void parsesBothDirections() {
    assertEquals(new Gate("quality", true, 0.8), Gate.parse("quality>=0.8"));
    assertEquals(new Gate("exact_copy_rate", false, 0.001), Gate.parse(" exact_copy_rate <= 0.001 "));
    assertEquals("dcr_closer_than_holdout_p5<=0.06", Gate.parse("dcr_closer_than_holdout_p5<=0.06").toString());
  }

  @Test
  void rejectsMalformedSpecsWithTheReason() {
    assertEquals(
        "Cannot parse gate 'quality=0.8': expected <metric>>=<number> or <metric><=<number>, e.g. quality>=0.8",
        assertThrows(UsageException.class, () -> Gate.parse("quality=0.8")).getMessage());
    assertEquals(
        "Cannot parse gate 'quality>=high': 'high' is not a number",
        assertThrows(UsageException.class, () -> Gate.parse("quality>=high")).getMessage());
    assertTrue(
        assertThrows(UsageException.class, () -> Gate.parse("qualty>=0.8"))
            .getMessage()
            .startsWith("Cannot parse gate 'qualty>=0.8': unknown metric 'qualty'; expected one of quality, "));
  }

  @Test
  void failsGatesThatAreMissedOrNotComputed() {
    Map<String, Double> headline = new LinkedHashMap<>();
    headline.put("quality", 0.75);
    headline.put("valid_rows", 0.99);
    headline.put("exact_copy_rate", 0.002);
    headline.put("column_shapes", Double.NaN);
    List<Gate> gates =
        List.of(
            Gate.parse("quality>=0.8"),
            Gate.parse("valid_rows>=0.98"),
            Gate.parse("exact_copy_rate<=0.001"),
            Gate.parse("utility_gbt_roc_auc_ratio>=0.9"),
            Gate.parse("column_shapes>=0.5"));
    GateResult result = GateResult.check(gates, headline);
    assertFalse(result.passed());
    assertEquals(1, result.exitCode());
    assertEquals(
        List.of(
            "Cannot pass gate quality>=0.8: quality is 0.7500",
            "Cannot pass gate exact_copy_rate<=0.001: exact_copy_rate is 0.0020",
            "Cannot pass gate utility_gbt_roc_auc_ratio>=0.9: utility_gbt_roc_auc_ratio was not computed",
            "Cannot pass gate column_shapes>=0.5: column_shapes is undefined (NaN)"),
        result.failures());
  }

  @Test
  void passesWhenEveryBoundIsMetInclusively() {
    GateResult result =
        GateResult.check(
            List.of(Gate.parse("quality>=0.8"), Gate.parse("pii_matches<=0")),
            Map.of("quality", 0.8, "pii_matches", 0.0));
    assertTrue(result.passed());
    assertEquals(0, result.exitCode());
  }
}
