package io.synthforge.constraint;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.util.List;
import java.util.Map;

/** A small ledger table shared by the constraint tests. */
final class ConstraintFixtures {
  /** id, kind (A/B/C), flag (label 0/1), amount, before, after (two decimals, min 0), fee (int), `gross-pay`, at. */
  static final TableMetadata TABLE = TableMetadata.of("ledger", List.of(
      ColumnSpec.builder("id", ColumnType.STRING, ColumnRole.IDENTIFIER).build(),
      ColumnSpec.builder("kind", ColumnType.STRING, ColumnRole.CATEGORICAL).domain(List.of("A", "B", "C")).build(),
      ColumnSpec.builder("flag", ColumnType.INT, ColumnRole.LABEL).domain(List.of("0", "1")).build(),
      ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).min(0.0).build(),
      ColumnSpec.builder("before", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).min(0.0).build(),
      ColumnSpec.builder("after", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).min(0.0).build(),
      ColumnSpec.builder("fee", ColumnType.INT, ColumnRole.CONTINUOUS).build(),
      ColumnSpec.builder("gross-pay", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build(),
      ColumnSpec.builder("at", ColumnType.TIMESTAMP, ColumnRole.DATETIME).build()));

  /** Money in cents; fees whole. */
  static final RowSchema SCHEMA = RowSchema.of(TABLE, Map.of("amount", 2, "before", 2, "after", 2, "gross-pay", 2));

  private ConstraintFixtures() {}

  /** A row of {@link #TABLE}. */
  static Object[] row(String kind, int flag, double amount, double before, double after, int fee, double gross) {
    return new Object[] {"X1", kind, flag, amount, before, after, fee, gross, java.time.Instant.ofEpochSecond(0)};
  }

  static Constraint parse(String text) {
    return ConstraintParser.parse(text, TABLE);
  }
}
