package io.synthforge.eval;

import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationRecords;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.constraint.RowSchema;
import io.synthforge.constraint.spark.RelationMining;
import io.synthforge.eval.report.HtmlReportWriter;
import io.synthforge.eval.report.LossPoint;
import io.synthforge.ingest.DatasetLayout;
import io.synthforge.ingest.ProfileCollector;
import io.synthforge.io.Storage;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.ColumnProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluate job: scores a synthetic table against the real one and writes the report directory —
 * {@code report.html} with its {@code images/}, {@code summary.json}, and {@code metrics/} (Parquet, one row per
 * metric) — then checks the quality gates.
 */
public final class EvaluationJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationJob.class);

  private final SparkSession spark;
  private final Storage storage;

  public EvaluationJob(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** What a run produced. */
  public static final class Outcome {
    private final EvaluationReport report;
    private final GateResult gates;
    private final String reportUri;

    Outcome(EvaluationReport report, GateResult gates, String reportUri) {
      this.report = report;
      this.gates = gates;
      this.reportUri = reportUri;
    }

    public EvaluationReport report() {
      return report;
    }

    public GateResult gates() {
      return gates;
    }

    /** Where report.html lives. */
    public String reportUri() {
      return reportUri;
    }
  }

  /**
   * Evaluates {@code syntheticUri} against {@code realUri} (a dataset directory brings its own holdout unless
   * {@code holdoutUri} is given); {@code modelUri} (optional) adds the training-loss curves.
   */
  public Outcome run(String realUri, String syntheticUri, String holdoutUri, String modelUri, EvaluationOptions options,
      List<Gate> gates, String reportUri) {
    TableInput real = TableInput.open(spark, storage, realUri, null);
    TableInput synthetic = TableInput.open(spark, storage, syntheticUri, real.table().orElse(null));
    TableMetadata table = real.table().or(synthetic::table).orElseThrow(() -> new UsageException(
        "Cannot evaluate " + syntheticUri + ": neither table carries a schema (evaluate against an ingested dataset)"));
    Dataset<Row> holdout = holdoutUri != null
        ? TableInput.open(spark, storage, holdoutUri, table).rows() : real.holdout().orElse(null);

    ConstraintSet relations = relations(realUri, modelUri, table, real, options);
    EvaluationReport report = Evaluator.evaluate(spark, real.rows(), synthetic.rows(), holdout, table, options, relations);
    GateResult gateResult = GateResult.check(gates, report);

    Path target = storage.qualify(reportUri);
    java.nio.file.Path local = localDirectory(target);
    HtmlReportWriter.write(report, losses(modelUri), local);
    write(local.resolve("summary.json"), report.toJson());
    if (!"file".equals(target.toUri().getScheme())) {
      copyToCluster(local, target);
    }
    MetricRow.toDataFrame(spark, report.metricRows()).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(new Path(target, "metrics").toString());
    LOG.info("Wrote the evaluation report to {}", new Path(target, "report.html"));
    return new Outcome(report, gateResult, new Path(target, "report.html").toString());
  }

  /**
   * The relations to measure: the model's constraints (declared and discovered) when a model is given, else the
   * relations ingest recorded for a dataset, else those mined from the real rows now.
   */
  private ConstraintSet relations(String realUri, String modelUri, TableMetadata table, TableInput real,
      EvaluationOptions options) {
    if (modelUri != null) {
      ConstraintSet constraints = ModelBundle.load(storage, modelUri).constraints();
      if (!constraints.rules().isEmpty()) {
        return constraints;
      }
    }
    DatasetLayout dataset = DatasetLayout.at(storage.qualify(realUri));
    if (storage.exists(dataset.manifest())) {
      DatasetManifest manifest = AvroJson.read(storage.readText(dataset.manifest()), DatasetManifest.class,
          DatasetManifest.getClassSchema(), dataset.manifest().toString());
      if (!manifest.getRelations().isEmpty()) {
        return ConstraintSet.compile(RowSchema.of(table, manifest.getColumnDecimals()),
            RelationRecords.rules(manifest.getRelations(), table), Map.of());
      }
    }
    if (table.learnedColumns().isEmpty()) {
      return ConstraintSet.empty(table);
    }
    LOG.info("No recorded relations for {}: looking for them in the real rows", realUri);
    Map<String, ColumnProfile> profiles = ProfileCollector.collect(real.rows(), table, options.seed(), 20_000);
    RelationMining.Result mined = RelationMining.mine(real.rows(), table, profiles,
        MiningOptions.builder().mode(RelationsMode.SUGGEST).build());
    return ConstraintSet.compile(RowSchema.of(table, mined.decimals()), mined.relations(), Map.of());
  }

  private List<LossPoint> losses(String modelUri) {
    List<LossPoint> points = new ArrayList<>();
    if (modelUri == null) {
      return points;
    }
    ModelBundle bundle = ModelBundle.load(storage, modelUri);
    for (Map<String, Object> round : bundle.trainingLog(storage)) {
      int number = ((Number) round.get("round")).intValue();
      Object losses = round.get("losses");
      if (losses instanceof Map) {
        for (Map.Entry<?, ?> loss : ((Map<?, ?>) losses).entrySet()) {
          points.add(new LossPoint(number, String.valueOf(loss.getKey()), ((Number) loss.getValue()).doubleValue()));
        }
      }
      Object validation = round.get("validation_loss");
      if (validation instanceof Number) {
        points.add(new LossPoint(number, "validation", ((Number) validation).doubleValue()));
      }
    }
    return points;
  }

  private static java.nio.file.Path localDirectory(Path target) {
    try {
      if ("file".equals(target.toUri().getScheme())) {
        java.nio.file.Path local = java.nio.file.Path.of(target.toUri());
        Files.createDirectories(local);
        return local;
      }
      return Files.createTempDirectory("synthforge-report");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create report directory " + target + ": " + e.getMessage(), e);
    }
  }

  private void copyToCluster(java.nio.file.Path local, Path target) {
    FileSystem fs = storage.fileSystem(target);
    try {
      fs.mkdirs(target);
      try (var files = Files.list(local)) {
        for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
          fs.copyFromLocalFile(false, true, new Path(file.toUri()), target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the report to " + target + ": " + e.getMessage(), e);
    }
  }

  private static void write(java.nio.file.Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
