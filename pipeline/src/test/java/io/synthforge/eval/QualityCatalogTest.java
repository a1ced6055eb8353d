package io.synthforge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.publish.CatalogSpark;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.sample.TestBundles;
import io.synthforge.sample.TestModels;
import io.synthforge.testing.Fixtures;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate job's catalog outputs, on a real Hive metastore (embedded Derby): the quality log and table scores. */
class QualityCatalogTest {
  private static final TableName TABLE = TableName.parse("synth.payments");

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String dataset;
  private static String model;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("QualityCatalogTest", dir);
    Path schema = Fixtures.write(dir.resolve("payments.avsc"), Fixtures.SCHEMA);
    Path input = Fixtures.write(dir.resolve("payments.csv"), Fixtures.goodCsv(800, 3));
    dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset)
        .holdoutShare(0.25).build());
    model = TestBundles.bundleOf(spark, dataset, dir.resolve("model").toString());
    new SampleJob(spark, TestModels.frequencies(0)).run(SampleRequest.builder(model, 600, dir.resolve("synthetic").toString())
        .table(TABLE).build());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static EvaluationRequest.Builder request(String report) {
    return EvaluationRequest.builder(dataset, dir.resolve("reports/" + report).toString())
        .options(EvaluationOptions.builder().gbtMaxIter(5).build());
  }

  private static long rows(String where) {
    if (!spark.catalog().tableExists(SyntheticCatalog.RUNS_DATABASE, QualityCatalog.TABLE)) {
      return 0;
    }
    return spark.sql("SELECT count(*) FROM synthforge.synthforge_quality WHERE " + where).first().getLong(0);
  }

  @Test
  void twoEvaluationsAccumulateInTheQualityTableAndTheLatestSetsTheTablesScores() {
    EvaluationJob.Outcome first = new EvaluationJob(spark).run(request("first").table(TABLE)
        .gates(List.of(Gate.parse("quality>=0.99"))).build());
    assertEquals(TABLE, first.scoredTable().orElseThrow());
    Map<String, String> properties = SyntheticCatalog.of(spark).properties(TABLE);
    for (String key : List.of("quality", "column_shapes", "column_pair_trends", "valid_rows", "dcr_closer_than_holdout_p5",
        "exact_copy_rate")) {
      assertEquals(QualityCatalog.format(first.report().headline().get(key)), properties.get("synthforge.quality." + key), key);
    }
    assertEquals(first.evaluationId(), properties.get(QualityCatalog.EVALUATION_PROPERTY));
    assertTrue(properties.containsKey(SyntheticCatalog.RUN_ID_PROPERTY), "the sample's own properties stay");

    // The second evaluation names the data by its location.
    String location = SyntheticCatalog.of(spark).location(TABLE).orElseThrow();
    EvaluationJob.Outcome second = new EvaluationJob(spark).run(request("second").synthetic(location).table(TABLE).build());
    assertTrue(second.scoredTable().isPresent());

    List<Row> counts = spark.sql("SELECT evaluation_id, count(*), min(table_name), min(CAST(gates_passed AS INT)) "
        + "FROM synthforge.synthforge_quality WHERE table_name = 'synth.payments' GROUP BY evaluation_id ORDER BY min(evaluated_at)").collectAsList();
    assertEquals(2, counts.size());
    assertEquals(first.evaluationId(), counts.get(0).getString(0));
    assertEquals(first.report().metricRows().size(), counts.get(0).getLong(1));
    assertEquals("synth.payments", counts.get(0).getString(2));
    assertEquals(0, counts.get(0).getInt(3), "the first evaluation failed its gate, and says so");
    assertEquals(second.evaluationId(), counts.get(1).getString(0));
    assertEquals(second.report().metricRows().size(), counts.get(1).getLong(1));
    assertEquals(1, counts.get(1).getInt(3));
    double quality = spark.sql("SELECT value FROM synthforge.synthforge_quality WHERE evaluation_id = '"
        + second.evaluationId() + "' AND metric = 'quality'").first().getDouble(0);
    assertEquals(second.report().headline().get("quality"), quality);
    assertEquals(1L, rows("evaluation_id = '" + first.evaluationId() + "' AND metric = 'column_shape.ks_complement'"
        + " AND `column` = 'amount' AND model_uri IS NULL AND real_uri LIKE 'file:%/dataset'"));

    properties = SyntheticCatalog.of(spark).properties(TABLE);
    assertEquals(second.evaluationId(), properties.get(QualityCatalog.EVALUATION_PROPERTY));
    assertEquals(QualityCatalog.format(second.report().headline().get("quality")), properties.get("synthforge.quality.quality"));
  }

  @Test
  void scoresReplaceTheWholeSetOfAnEarlierEvaluation() {
    TableName table = TableName.parse("synth.scored");
    spark.sql("CREATE TABLE synth.scored (a INT) USING parquet TBLPROPERTIES ('synthforge.run_id' = 'sample-1')");
    QualityCatalog catalog = QualityCatalog.of(spark);
    catalog.setScores(table, "eval-1", Map.of("quality", 0.8, "utility_gbt_roc_auc_ratio", 0.95, "exact_copy_rate", Double.NaN));
    assertEquals(Map.of("synthforge.run_id", "sample-1", "synthforge.quality.evaluation_id", "eval-1",
        "synthforge.quality.quality", "0.800000", "synthforge.quality.utility_gbt_roc_auc_ratio", "0.950000",
        "synthforge.quality.exact_copy_rate", "NaN"), ours(table));

    // A later evaluation without a utility target: its scores, and no stale utility score.
    catalog.setScores(table, "eval-2", Map.of("quality", 0.85, "exact_copy_rate", 0.0));
    assertEquals(Map.of("synthforge.run_id", "sample-1", "synthforge.quality.evaluation_id", "eval-2",
        "synthforge.quality.quality", "0.850000", "synthforge.quality.exact_copy_rate", "0.000000"), ours(table));
  }

  private static Map<String, String> ours(TableName table) {
    Map<String, String> properties = new java.util.TreeMap<>(SyntheticCatalog.of(spark).properties(table));
    properties.keySet().removeIf(key -> !key.startsWith("synthforge."));
    return properties;
  }

  @Test
  void aFailedEvaluationAddsNothing() throws Exception {
    long before = rows("true");
    Map<String, String> properties = SyntheticCatalog.of(spark).properties(TABLE);
    // Everything is measured, then the report directory cannot be made: a file stands in its place.
    Path blocked = Files.writeString(Files.createDirectories(dir.resolve("reports")).resolve("blocked"), "x");
    EvaluationRequest request = EvaluationRequest.builder(dataset, blocked.toString()).table(TABLE).build();
    assertThrows(UncheckedIOException.class, () -> new EvaluationJob(spark).run(request));

    assertEquals(before, rows("true"));
    assertEquals(0L, rows("evaluation_id = '" + request.evaluationId() + "'"));
    assertEquals(properties, SyntheticCatalog.of(spark).properties(TABLE));
  }

  @Test
  void reRegisteringAnEvaluationAddsNoRows() {
    QualityCatalog catalog = QualityCatalog.of(spark);
    QualityCatalog.Evaluation evaluation = new QualityCatalog.Evaluation("eval-twice", Instant.parse("2024-05-01T10:00:00Z"),
        null, "file:/synthetic", "file:/real", null, true);
    List<MetricRow> metrics = new ArrayList<>(List.of(new MetricRow("payments", "quality", null, null, null, 0.9),
        new MetricRow("payments", "column_shape.tv_complement", "kind", null, null, 0.95)));
    assertTrue(catalog.record(evaluation, metrics));
    metrics.add(new MetricRow("payments", "valid_rows", null, null, null, 1.0));
    assertFalse(catalog.record(evaluation, metrics));
    assertEquals(2L, rows("evaluation_id = 'eval-twice'"));
    assertEquals(1L, rows("evaluation_id = 'eval-twice' AND evaluated_at = TIMESTAMP '2024-05-01 10:00:00'"
        + " AND table_name IS NULL AND metric = 'quality' AND value = 0.9"));
  }

  @Test
  void aTableSynthforgeDidNotPublishOrThatDoesNotExistIsAUsageError() {
    spark.sql("CREATE TABLE IF NOT EXISTS default.someone_elses (a INT) USING parquet");
    UsageException foreign = assertThrows(UsageException.class, () -> new EvaluationJob(spark)
        .run(request("foreign").table(TableName.parse("someone_elses")).build()));
    assertEquals("Cannot record quality scores on table default.someone_elses: it was not published by synthforge (no "
        + "synthforge.run_id property); evaluate its files with --synthetic URI instead", foreign.getMessage());

    UsageException missing = assertThrows(UsageException.class, () -> new EvaluationJob(spark)
        .run(request("missing").table(TableName.parse("synth.absent")).build()));
    assertEquals("Cannot evaluate table synth.absent: no such table in the catalog", missing.getMessage());

    UsageException neither = assertThrows(UsageException.class, () -> request("neither").build());
    assertEquals("Cannot evaluate: give the synthetic data (--synthetic URI) or its catalog table (--table DB.NAME)",
        neither.getMessage());
  }

  @Test
  void theCatalogSchemaIsTheAvroRecord() throws Exception {
    Schema avro;
    try (java.io.InputStream in = QualityCatalogTest.class.getResourceAsStream("/schemas/artifacts/synthforge_quality.avsc")) {
      avro = new Schema.Parser().parse(in);
    }
    List<String> fields = new ArrayList<>();
    for (Schema.Field field : avro.getFields()) {
      fields.add(field.name() + (field.schema().isNullable() ? "?" : ""));
    }
    List<String> columns = new ArrayList<>();
    for (StructField field : QualityCatalog.SCHEMA.fields()) {
      columns.add(field.name() + (field.nullable() ? "?" : ""));
    }
    assertEquals(fields, columns);
  }
}
