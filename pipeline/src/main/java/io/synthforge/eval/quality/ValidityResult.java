package io.synthforge.eval.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether synthetic rows stay inside what the real data shows, and whether they conform to the declared schema.
 *
 * @param syntheticRows rows checked
 * @param validRows rows whose every category was seen in the real data and every number lies in the real [min, max]
 *     (a missing value counts as seen only if the real column has missing values)
 * @param validRowShare {@code validRows / syntheticRows}
 * @param invalidByColumn rows failing that check, per column (columns with none are listed with 0)
 * @param schemaViolatingRows rows breaking the table metadata: a null in a non-nullable column, a value outside a
 *     declared domain or outside declared min/max
 * @param schemaViolationsByColumn such rows, per column
 * @param schemaMismatches column-level problems: a missing column, or a Spark type other than the declared one
 */
public record ValidityResult(
    long syntheticRows,
    long validRows,
    double validRowShare,
    Map<String, Long> invalidByColumn,
    long schemaViolatingRows,
    Map<String, Long> schemaViolationsByColumn,
    List<String> schemaMismatches) {
  public ValidityResult {
    invalidByColumn = Collections.unmodifiableMap(new LinkedHashMap<>(invalidByColumn));
    schemaViolationsByColumn = Collections.unmodifiableMap(new LinkedHashMap<>(schemaViolationsByColumn));
    schemaMismatches = List.copyOf(schemaMismatches);
  }
}
