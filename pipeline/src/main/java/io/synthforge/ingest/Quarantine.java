package io.synthforge.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.synthforge.api.JobFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bookkeeping columns every ingest (tables and corpora) carries beside a record's values while it is read, and
 * what is derived from them: the counts by reason, the bad-ratio check, and the quarantine table
 * (schemas/artifacts/quarantine_record.avsc).
 */
public final class Quarantine {
  public static final String FILE = "_file";
  public static final String OFFSET = "_offset";
  public static final String LINE = "_line";
  public static final String RAW = "_raw";
  public static final String REASON_CODE = "_reason_code";
  public static final String REASON = "_reason";
  /** Whether an accepted record belongs to the holdout (false for a quarantined one). */
  public static final String HOLDOUT = "_holdout";

  private Quarantine() {}

  /**
   * The struct of records being read: {@code recordFields} (made nullable, as a quarantined record has no values)
   * followed by the bookkeeping columns {@link #FILE}, {@link #OFFSET}, {@link #LINE}, {@link #RAW},
   * {@link #REASON_CODE}, {@link #REASON} and {@link #HOLDOUT}, in that order.
   */
  public static StructType withBookkeeping(StructField[] recordFields) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : recordFields) {
      fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
    }
    fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(OFFSET, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, true));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(REASON_CODE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(HOLDOUT, DataTypes.BooleanType, false));
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** The count of accepted records and the counts of quarantined ones by reason code, in one pass. */
  public static Counts count(Dataset<Row> parsed) {
    long accepted = 0;
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : parsed.groupBy(REASON_CODE).count().collectAsList()) {
      if (row.isNullAt(0)) {
        accepted = row.getLong(1);
      } else {
        byReason.put(row.getString(0), row.getLong(1));
      }
    }
    return new Counts(accepted, byReason);
  }

  /** Accepted and quarantined records of one read. */
  public static final class Counts {
    private final long accepted;
    private final Map<String, Long> byReason;

    Counts(long accepted, Map<String, Long> byReason) {
      this.accepted = accepted;
      this.byReason = byReason;
    }

    public long accepted() {
      return accepted;
    }

    /** Quarantined records by reason code (sorted). */
    public Map<String, Long> byReason() {
      return byReason;
    }

    public long quarantined() {
      return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long read() {
      return accepted + quarantined();
    }
  }

  /** Fails the job when more than {@code maxBadRatio} of the {@code read} records were quarantined, quoting reasons. */
  public static void checkBadRatio(Dataset<Row> parsed, long read, long quarantined, String input, double maxBadRatio) {
    if (read == 0) {
      throw new JobFailedException("Cannot ingest " + input + ": it holds no records");
    }
    double share = quarantined / (double) read;
    if (share > maxBadRatio) {
      List<String> reasons = new ArrayList<>();
      for (Row example : parsed.filter(col(REASON_CODE).isNotNull()).select(col(REASON)).limit(3).collectAsList()) {
        reasons.add(example.getString(0));
      }
      throw new JobFailedException(String.format(Locale.ROOT,
          "Cannot ingest %s: %d of %d records (%.1f%%) are malformed, above --max-bad-ratio %s; first reasons: %s",
          input, quarantined, read, 100 * share, maxBadRatio, reasons));
    }
  }

  /** The quarantined records of {@code parsed} as the quarantine table's columns. */
  public static Dataset<Row> table(Dataset<Row> parsed, String runId) {
    return parsed.filter(col(REASON_CODE).isNotNull()).select(
        col(FILE).alias("source_file"),
        col(OFFSET).alias("byte_offset"),
        col(LINE).alias("line_number"),
        col(RAW).alias("raw"),
        col(REASON_CODE).alias("reason_code"),
        col(REASON).alias("reason"),
        lit(runId).alias("run_id"));
  }
}
