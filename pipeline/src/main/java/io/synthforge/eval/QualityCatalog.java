package io.synthforge.eval;

import io.synthforge.api.UsageException;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where evaluations reach the catalog. Every evaluation appends one row per metric to
 * {@code synthforge.synthforge_quality} (the rows of its {@code metrics/} Parquet, {@link MetricRow}, after the
 * evaluation's identity), all in one commit and once per evaluation id; the evaluated table's properties get the
 * headline scores as {@code synthforge.quality.<metric>}. The Avro record is
 * {@code schemas/artifacts/synthforge_quality.avsc}; {@link #SCHEMA} is its Spark form.
 */
public final class QualityCatalog {
  /** The quality log's table name, in database {@value SyntheticCatalog#RUNS_DATABASE}. */
  public static final String TABLE = "synthforge_quality";
  /** The prefix of the headline scores among a table's properties. */
  public static final String PROPERTY_PREFIX = "synthforge.quality.";
  /** The property naming the evaluation the scores come from (a key of {@value #TABLE}). */
  public static final String EVALUATION_PROPERTY = PROPERTY_PREFIX + "evaluation_id";
  /** The quality log's columns: who evaluated what, then {@link MetricRow#SCHEMA}. */
  public static final StructType SCHEMA = schema();
  /** The quality log. */
  public static final SyntheticCatalog.LogTable LOG = new SyntheticCatalog.LogTable(
      TableName.of(SyntheticCatalog.RUNS_DATABASE, TABLE), SCHEMA, "evaluation_id", "evaluation");

  private final SyntheticCatalog catalog;

  private QualityCatalog(SyntheticCatalog catalog) {
    this.catalog = catalog;
  }

  /** The quality catalog of {@code spark}, which must have Hive support. */
  public static QualityCatalog of(SparkSession spark) {
    return new QualityCatalog(SyntheticCatalog.of(spark));
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("evaluation_id", DataTypes.StringType, false),
        DataTypes.createStructField("evaluated_at", DataTypes.TimestampType, false),
        DataTypes.createStructField("table_name", DataTypes.StringType, true),
        DataTypes.createStructField("synthetic_uri", DataTypes.StringType, false),
        DataTypes.createStructField("real_uri", DataTypes.StringType, false),
        DataTypes.createStructField("model_uri", DataTypes.StringType, true),
        DataTypes.createStructField("gates_passed", DataTypes.BooleanType, false)));
    fields.addAll(List.of(MetricRow.SCHEMA.fields()));
    return DataTypes.createStructType(fields);
  }

  /**
   * Who evaluated what: one evaluation's identity, repeated on each of its rows.
   *
   * @param id the evaluation's id (a pipeline's run id, or {@code eval-...})
   * @param evaluatedAt when it finished
   * @param table the catalog table the synthetic data is known as, or null
   * @param synthetic the evaluated synthetic data's URI
   * @param real the real data's URI
   * @param model the model bundle's URI, or null
   * @param gatesPassed whether every quality gate passed (true when there were none)
   */
  public record Evaluation(String id, Instant evaluatedAt, TableName table, String synthetic, String real, String model,
      boolean gatesPassed) {
    public Evaluation {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(evaluatedAt, "evaluatedAt");
      Objects.requireNonNull(synthetic, "synthetic");
      Objects.requireNonNull(real, "real");
    }
  }

  /**
   * Appends one row per metric of {@code evaluation} in one commit; an evaluation id already recorded adds nothing.
   * Returns whether the rows were added.
   */
  public boolean record(Evaluation evaluation, List<MetricRow> metrics) {
    if (metrics.isEmpty()) {
      throw new UsageException("Cannot record evaluation " + evaluation.id() + ": it has no metrics");
    }
    List<Row> rows = new ArrayList<>(metrics.size());
    String table = evaluation.table() == null ? null : evaluation.table().toString();
    for (MetricRow metric : metrics) {
      rows.add(RowFactory.create(evaluation.id(), evaluation.evaluatedAt(), table, evaluation.synthetic(),
          evaluation.real(), evaluation.model(), evaluation.gatesPassed(), metric.table(), metric.metric(), metric.column(),
          metric.column2(), metric.category(), metric.value()));
    }
    return catalog.append(LOG, evaluation.id(), rows);
  }

  /**
   * Sets {@code table}'s {@code synthforge.quality.*} properties to the {@code headline} of evaluation
   * {@code evaluationId} (see {@link #properties}); scores of an earlier evaluation that this one lacks are removed.
   */
  public void setScores(TableName table, String evaluationId, Map<String, Double> headline) {
    Map<String, String> scores = properties(evaluationId, headline);
    catalog.setProperties(table, scores);
    List<String> stale = new ArrayList<>();
    for (String key : catalog.properties(table).keySet()) {
      if (key.startsWith(PROPERTY_PREFIX) && !scores.containsKey(key)) {
        stale.add(key);
      }
    }
    catalog.unsetProperties(table, stale);
  }

  /**
   * The table properties of a headline: {@code synthforge.quality.<key>} = the value with 6 decimals ({@code NaN} when
   * undefined), plus {@value #EVALUATION_PROPERTY} when {@code evaluationId} is given.
   */
  public static Map<String, String> properties(String evaluationId, Map<String, Double> headline) {
    Map<String, String> properties = new TreeMap<>();
    for (Map.Entry<String, Double> score : headline.entrySet()) {
      properties.put(PROPERTY_PREFIX + score.getKey(), format(score.getValue()));
    }
    if (evaluationId != null && !evaluationId.isEmpty()) {
      properties.put(EVALUATION_PROPERTY, evaluationId);
    }
    return properties;
  }

  /** A score as written in properties and step records: 6 decimals, {@code NaN} when undefined. */
  public static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
