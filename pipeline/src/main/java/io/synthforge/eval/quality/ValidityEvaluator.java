package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.io.SparkSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/** Row validity against the real data's categories and ranges, and conformance to the table metadata. */
public final class ValidityEvaluator {
  private ValidityEvaluator() {}

  /**
   * Validity of the synthetic rows; {@code normalisedSynthetic} and {@code rawSynthetic} are the same rows, the
   * former {@linkplain EvalColumns#normalise normalised}.
   */
  public static ValidityResult evaluate(
      Dataset<Row> normalisedSynthetic,
      Dataset<Row> rawSynthetic,
      TableMetadata table,
      Map<String, NumericSummary> realSummaries,
      CategoryFrequencies frequencies) {
    List<String> names = new ArrayList<>();
    List<Column> valid = new ArrayList<>();
    for (ColumnSpec spec : table.learnedColumns()) {
      Column value = EvalColumns.column(spec.name());
      Column ok;
      if (spec.role().isDiscrete()) {
        ok = value.isin(frequencies.realCategories(spec.name()).toArray());
      } else {
        NumericSummary summary = realSummaries.get(spec.name());
        Column missing = value.isNull().or(isnan(value));
        Column inRange =
            summary.count() == 0 ? lit(false) : value.geq(lit(summary.min())).and(value.leq(lit(summary.max())));
        ok = when(missing, lit(summary.nulls() > 0)).otherwise(inRange);
      }
      names.add(spec.name());
      valid.add(ok);
    }
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    Column all = lit(true);
    for (Column ok : valid) {
      all = all.and(ok);
      aggregates.add(sum(when(not(ok), 1L).otherwise(0L)));
    }
    aggregates.add(sum(when(all, 1L).otherwise(0L)));
    Row row = normalisedSynthetic.agg(aggregates.get(0), rest(aggregates)).first();
    long rows = row.getLong(0);
    Map<String, Long> invalidByColumn = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      invalidByColumn.put(names.get(i), row.isNullAt(i + 1) ? 0L : row.getLong(i + 1));
    }
    long validRows = row.isNullAt(names.size() + 1) ? 0L : row.getLong(names.size() + 1);

    List<String> mismatches = new ArrayList<>();
    Map<String, Long> violations = new LinkedHashMap<>();
    long violatingRows = schemaViolations(rawSynthetic, table, mismatches, violations);
    return new ValidityResult(
        rows,
        validRows,
        rows == 0 ? Double.NaN : validRows / (double) rows,
        invalidByColumn,
        violatingRows,
        violations,
        mismatches);
  }

  private static Column[] rest(List<Column> aggregates) {
    return aggregates.subList(1, aggregates.size()).toArray(new Column[0]);
  }

  /** Rows breaking the declared nullability, domain or bounds; column-level mismatches go to {@code mismatches}. */
  static long schemaViolations(
      Dataset<Row> raw, TableMetadata table, List<String> mismatches, Map<String, Long> byColumn) {
    List<String> present = Arrays.asList(raw.columns());
    List<String> checked = new ArrayList<>();
    List<Column> broken = new ArrayList<>();
    for (ColumnSpec spec : table.columns()) {
      if (!present.contains(spec.name())) {
        mismatches.add("column '" + spec.name() + "' is missing");
        continue;
      }
      DataType actual = raw.schema().apply(spec.name()).dataType();
      DataType expected = SparkSchemas.type(spec.type());
      if (!actual.equals(expected)) {
        mismatches.add(
            "column '" + spec.name() + "' is " + actual.simpleString() + ", declared " + expected.simpleString());
      }
      Column value = EvalColumns.column(spec.name());
      Column bad = spec.nullable() ? lit(false) : value.isNull();
      if (spec.domain().isPresent()) {
        bad = bad.or(value.isNotNull().and(not(value.cast("string").isin(spec.domain().get().toArray()))));
      }
      if (spec.min().isPresent() && spec.type().isNumeric()) {
        bad = bad.or(value.cast("double").lt(lit(spec.min().get())));
      }
      if (spec.max().isPresent() && spec.type().isNumeric()) {
        bad = bad.or(value.cast("double").gt(lit(spec.max().get())));
      }
      checked.add(spec.name());
      broken.add(org.apache.spark.sql.functions.coalesce(bad, lit(false)));
    }
    if (checked.isEmpty()) {
      return 0;
    }
    List<Column> aggregates = new ArrayList<>();
    Column any = lit(false);
    for (Column bad : broken) {
      any = any.or(bad);
      aggregates.add(sum(when(bad, 1L).otherwise(0L)));
    }
    aggregates.add(sum(when(any, 1L).otherwise(0L)));
    Row row = raw.agg(aggregates.get(0), rest(aggregates)).first();
    for (int i = 0; i < checked.size(); i++) {
      byColumn.put(checked.get(i), row.isNullAt(i) ? 0L : row.getLong(i));
    }
    return row.isNullAt(checked.size()) ? 0L : row.getLong(checked.size());
  }
}
