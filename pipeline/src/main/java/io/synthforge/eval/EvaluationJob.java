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
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.ColumnProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluate job: scores a synthetic table against the real one, writes the report directory —
 * {@code report.html} with its {@code images/}, {@code summary.json}, and {@code metrics/} (Parquet, one row per
 * metric) — records the metrics in the catalog ({@link QualityCatalog}) and checks the quality gates.
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
    private final String evaluationId;
    private final TableName scoredTable;

    Outcome(EvaluationReport report, GateResult gates, String reportUri, String evaluationId, TableName scoredTable) {
      this.report = report;
      this.gates = gates;
      this.reportUri = reportUri;
      this.evaluationId = evaluationId;
      this.scoredTable = scoredTable;
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

    /** The id the metrics are recorded under in {@code synthforge.synthforge_quality}. */
    public String evaluationId() {
      return evaluationId;
    }

    /** The catalog table whose {@code synthforge.quality.*} properties now hold the headline, if any. */
    public Optional<TableName> scoredTable() {
      return Optional.ofNullable(scoredTable);
    }
  }

  /**
   * Evaluates the request's synthetic data against its real data (a dataset directory brings its own holdout unless
   * one is given), writes the report directory, appends the metrics to {@code synthforge.synthforge_quality} (one
   * commit, nothing when the evaluation fails) and, when the request's table is registered over the evaluated data,
   * sets its {@code synthforge.quality.*} properties (unless the request says not to). Gates are checked, not enforced:
   * see {@link Outcome#gates()}.
   */
  public Outcome run(EvaluationRequest request) {
    SyntheticCatalog catalog = SyntheticCatalog.of(spark);
    QualityCatalog quality = QualityCatalog.of(spark);
    TableName named = scoredTable(catalog, request);
    String syntheticUri = request.synthetic().orElseGet(() -> catalog.location(named).orElseThrow());
    TableName scored = request.setsTableScores() ? named : null;

    TableInput real = TableInput.open(spark, storage, request.real(), null);
    TableInput synthetic = TableInput.open(spark, storage, syntheticUri, real.table().orElse(null));
    TableMetadata table = real.table().or(synthetic::table).orElseThrow(() -> new UsageException(
        "Cannot evaluate " + syntheticUri + ": neither table carries a schema (evaluate against an ingested dataset)"));
    Dataset<Row> holdout = request.holdout().isPresent()
        ? TableInput.open(spark, storage, request.holdout().get(), table).rows() : real.holdout().orElse(null);

    ConstraintSet relations = relations(request.real(), request.model().orElse(null), table, real, request.options());
    EvaluationReport report = Evaluator.evaluate(spark, real.rows(), synthetic.rows(), holdout, table, request.options(),
        relations);
    GateResult gateResult = GateResult.check(request.gates(), report);

    Path target = storage.qualify(request.report());
    java.nio.file.Path local = localDirectory(target);
    HtmlReportWriter.write(report, losses(request.model().orElse(null)), local);
    write(local.resolve("summary.json"), report.toJson());
    if (!"file".equals(target.toUri().getScheme())) {
      copyToCluster(local, target);
    }
    List<MetricRow> metrics = report.metricRows();
    MetricRow.toDataFrame(spark, metrics).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(new Path(target, "metrics").toString());
    LOG.info("Wrote the evaluation report to {}", new Path(target, "report.html"));

    quality.record(new QualityCatalog.Evaluation(request.evaluationId(), Instant.now(), request.table().orElse(null),
        storage.qualify(syntheticUri).toString(), storage.qualify(request.real()).toString(),
        request.model().map(uri -> storage.qualify(uri).toString()).orElse(null), gateResult.passed()), metrics);
    if (scored != null) {
      quality.setScores(scored, request.evaluationId(), report.headline());
      LOG.info("Set the quality scores of table {} (evaluation {})", scored, request.evaluationId());
    }
    return new Outcome(report, gateResult, new Path(target, "report.html").toString(), request.evaluationId(), scored);
  }

  /**
   * The request's table when it is to get the scores: it exists and is registered over the evaluated data (always
   * so when the request names no synthetic URI). Refuses a table that synthforge did not publish.
   */
  private TableName scoredTable(SyntheticCatalog catalog, EvaluationRequest request) {
    if (request.table().isEmpty()) {
      return null;
    }
    TableName name = request.table().get();
    if (request.synthetic().isEmpty() && catalog.location(name).isEmpty()) {
      throw new UsageException("Cannot evaluate table " + name + ": no such table in the catalog");
    }
    if (request.synthetic().isPresent() && !catalog.isAt(name, storage.qualify(request.synthetic().get()).toString())) {
      LOG.info("Table {} is not registered over {}: its properties are left alone", name, request.synthetic().get());
      return null;
    }
    if (!catalog.properties(name).containsKey(SyntheticCatalog.RUN_ID_PROPERTY)) {
      throw new UsageException("Cannot record quality scores on table " + name + ": it was not published by synthforge "
          + "(no " + SyntheticCatalog.RUN_ID_PROPERTY + " property); evaluate its files with --synthetic URI instead");
    }
    return name;
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
