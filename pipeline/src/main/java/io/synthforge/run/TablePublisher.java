package io.synthforge.run;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.QualityCatalog;
import io.synthforge.io.Storage;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.RunRecord;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import io.synthforge.publish.TableOutput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline's publish: points the catalog table at a sample version that passed its gates, with its provenance and
 * scores, in one catalog operation, and records the run in {@code synthforge.synthforge_runs}; also records a
 * rejected sample there, which never reaches the table.
 */
final class TablePublisher {
  /** The prefix of the evaluate step's headline scores among its outputs. */
  static final String SCORE = "score.";

  private final SparkSession spark;
  private final Storage storage;
  private final PipelineFile file;
  private final String runId;
  private final long seed;

  TablePublisher(SparkSession spark, Storage storage, PipelineFile file, String runId, long seed) {
    this.spark = spark;
    this.storage = storage;
    this.file = file;
    this.runId = runId;
    this.seed = seed;
  }

  /** The table the pipeline publishes to, if it names one. */
  TableName table() {
    return file.has("targets.table") ? TableName.parse(file.requiredText("targets.table")) : null;
  }

  /** Where the table points now; null when the pipeline names none or it does not exist yet. */
  String publishedLocation() {
    TableName table = table();
    return table == null ? null : SyntheticCatalog.of(spark).location(table).orElse(null);
  }

  /**
   * Publishes the sample {@code sample} recorded (evaluated by {@code evaluation}, whose gates passed); returns the
   * publish step's outputs: the table, the published location and the one it replaced.
   */
  Map<String, String> publish(String model, StepRecord sample, StepRecord evaluation, String previousLocation) {
    Map<String, String> outputs = new LinkedHashMap<>();
    Path location = storage.qualify(sample.outputs().get("synthetic"));
    TableName table = table();
    outputs.put("table", table == null ? "" : table.toString());
    outputs.put("location", location.toString());
    if (table == null) {
      outputs.put("previous_location", previousLocation == null ? "" : previousLocation);
      return outputs;
    }
    SyntheticCatalog catalog = SyntheticCatalog.of(spark);
    outputs.put("previous_location", catalog.location(table).orElse(""));
    Path schemaFile = new Path(location, TableOutput.SCHEMA_FILE);
    TableMetadata metadata = AvroTableSchemas.parse(storage.readText(schemaFile), schemaFile.toString());
    OutputFormat format = OutputFormat.parse(file.text("sample.format", "parquet"));
    Map<String, String> properties = new TreeMap<>();
    properties.put("synthforge.pipeline", file.requiredText("name"));
    properties.put("synthforge.pipeline_run", runId);
    properties.put("synthforge.model", model);
    properties.put(SyntheticCatalog.RUN_ID_PROPERTY, sample.outputs().getOrDefault("sample_run", runId));
    properties.put("synthforge.seed", Long.toString(seed));
    properties.put("synthforge.rows", sample.outputs().getOrDefault("rows", ""));
    properties.put("synthforge.conditions", conditions());
    properties.put("synthforge.format", format.key());
    properties.put("synthforge.created_at", Instant.now().toString());
    properties.putAll(QualityCatalog.properties(evaluation.outputs().get("evaluation_id"), scores(evaluation)));
    catalog.publish(table, metadata, format, location, properties);
    catalog.recordRun(run(model, sample, location.toString(), "published by pipeline " + file.requiredText("name")));
    return outputs;
  }

  /**
   * Records in {@code synthforge.synthforge_runs} that run {@code runId} sampled {@code sample} and its gates rejected
   * it (status {@code rejected: ...}); the table is not touched.
   */
  void recordRejection(String model, StepRecord sample, String failures) {
    TableName table = table();
    if (table == null) {
      return;
    }
    SyntheticCatalog.of(spark).recordRun(run(model, sample, storage.qualify(sample.outputs().get("synthetic")).toString(),
        "rejected by the quality gates of pipeline " + file.requiredText("name") + ": " + failures));
  }

  private RunRecord run(String model, StepRecord sample, String location, String status) {
    Instant now = Instant.now();
    return RunRecord.builder(runId)
        .model(model, "")
        .table(table().toString())
        .location(location)
        .format(OutputFormat.parse(file.text("sample.format", "parquet")).key())
        .mode("overwrite")
        .rows(Long.parseLong(sample.outputs().getOrDefault("rows", "0")))
        .seed(seed)
        .conditions(conditions())
        .started(now)
        .finished(now)
        .status(status)
        .build();
  }

  private String conditions() {
    return String.join(",", file.texts("sample.conditions")) + String.join(",", file.texts("sample.ratios"));
  }

  /** The headline scores the evaluate step recorded. */
  static Map<String, Double> scores(StepRecord evaluation) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Map.Entry<String, String> output : new TreeMap<>(evaluation.outputs()).entrySet()) {
      if (output.getKey().startsWith(SCORE)) {
        scores.put(output.getKey().substring(SCORE.length()), Double.parseDouble(output.getValue()));
      }
    }
    return scores;
  }
}
