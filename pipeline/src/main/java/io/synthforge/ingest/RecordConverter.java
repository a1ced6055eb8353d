package io.synthforge.ingest;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the text fields of one record into typed values for a table, or says why the record must be
 * quarantined. Spark-free and serializable: one instance is shipped to every task.
 */
public final class RecordConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TableMetadata table;
  private final int[] sourceIndex;
  private final int expectedFields;
  private final Set<String> nullTokens;
  private final List<Set<String>> domains;

  /**
   * A converter for records whose fields are laid out as {@code sourceColumns} (a CSV header, or the schema's
   * own order for JSON and Parquet); {@code nullTokens} are texts that mean "missing" besides the empty string.
   */
  public RecordConverter(TableMetadata table, List<String> sourceColumns, Set<String> nullTokens) {
    this.table = table;
    this.expectedFields = sourceColumns.size();
    this.sourceIndex = new int[table.columns().size()];
    for (int i = 0; i < sourceIndex.length; i++) {
      sourceIndex[i] = sourceColumns.indexOf(table.columns().get(i).name());
    }
    this.nullTokens = new HashSet<>(nullTokens);
    this.domains = new java.util.ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      domains.add(column.domain().<Set<String>>map(HashSet::new).orElse(null));
    }
  }

  public TableMetadata table() {
    return table;
  }

  /** The typed values of {@code fields}, in the table's column order, or the reason it is rejected. */
  public Result convert(String[] fields) {
    if (fields.length != expectedFields) {
      return Result.rejected(QuarantineReason.WRONG_FIELD_COUNT,
          "expected " + expectedFields + " fields, found " + fields.length);
    }
    Object[] values = new Object[sourceIndex.length];
    List<ColumnSpec> columns = table.columns();
    for (int i = 0; i < values.length; i++) {
      ColumnSpec column = columns.get(i);
      String text = sourceIndex[i] < 0 ? null : fields[sourceIndex[i]];
      if (text == null || text.isEmpty() || nullTokens.contains(text)) {
        if (!column.nullable()) {
          return Result.rejected(QuarantineReason.MISSING_REQUIRED,
              "column '" + column.name() + "': missing value in a required column");
        }
        continue;
      }
      Object value;
      try {
        value = ValueParser.parse(text, column.type());
      } catch (IllegalArgumentException e) {
        return Result.rejected(QuarantineReason.BAD_TYPE, "column '" + column.name() + "': " + e.getMessage());
      }
      Set<String> domain = domains.get(i);
      if (domain != null && !domain.contains(text) && !domain.contains(String.valueOf(value))) {
        return Result.rejected(QuarantineReason.OUT_OF_DOMAIN,
            "column '" + column.name() + "': value '" + text + "' is not in the declared domain " + column.domain().get());
      }
      if (column.min().isPresent() || column.max().isPresent()) {
        double number = ValueParser.numeric(value);
        if (column.min().isPresent() && number < column.min().get()) {
          return Result.rejected(QuarantineReason.OUT_OF_RANGE,
              "column '" + column.name() + "': " + text + " is below the declared min " + column.min().get());
        }
        if (column.max().isPresent() && number > column.max().get()) {
          return Result.rejected(QuarantineReason.OUT_OF_RANGE,
              "column '" + column.name() + "': " + text + " is above the declared max " + column.max().get());
        }
      }
      values[i] = value;
    }
    return Result.accepted(values);
  }

  /** Either typed values or a quarantine reason. */
  public static final class Result {
    private final Object[] values;
    private final QuarantineReason reason;
    private final String message;

    private Result(Object[] values, QuarantineReason reason, String message) {
      this.values = values;
      this.reason = reason;
      this.message = message;
    }

    static Result accepted(Object[] values) {
      return new Result(values, null, null);
    }

    /** A rejection with its code and readable message. */
    public static Result rejected(QuarantineReason reason, String message) {
      return new Result(null, reason, message);
    }

    public boolean isAccepted() {
      return values != null;
    }

    public Object[] values() {
      return values;
    }

    public QuarantineReason reason() {
      return reason;
    }

    public String message() {
      return message;
    }
  }
}
