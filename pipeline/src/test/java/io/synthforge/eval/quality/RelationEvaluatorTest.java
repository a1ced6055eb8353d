package io.synthforge.eval.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.eval.EvaluationJob;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.EvaluationRequest;
import io.synthforge.eval.EvaluationReport;
import io.synthforge.eval.MetricRow;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.publish.CatalogSpark;
import io.synthforge.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation measures every relation ingest recorded, in the real and in the synthetic rows. */
class RelationEvaluatorTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("RelationEvaluatorTest", dir);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void reportsRealAndSyntheticSupportOfEachRecordedRelation() throws Exception {
    Path schema = Fixtures.write(dir.resolve("ledger.avsc"), Fixtures.LEDGER_SCHEMA);
    Path input = Fixtures.write(dir.resolve("ledger.csv"), Fixtures.ledgerCsv(1_000, 4));
    String dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
    // The "synthetic" table: the real rows, with every tenth row of kind A off by one unit.
    Dataset<Row> real = spark.read().parquet(dataset + "/rows");
    Dataset<Row> synthetic = real.withColumn("after",
        expr("CASE WHEN kind = 'A' AND cast(substring(id, 2) AS int) % 10 = 0 THEN after + 1 ELSE after END"));
    synthetic.write().parquet(dir.resolve("synthetic").toString());
    long kindA = real.filter(col("kind").equalTo("A")).count();
    long broken = real.filter(expr("kind = 'A' AND cast(substring(id, 2) AS int) % 10 = 0")).count();
    long kindAB = real.filter(expr("kind IN ('A', 'B')")).count();

    EvaluationJob.Outcome outcome = new EvaluationJob(spark).run(
        EvaluationRequest.builder(dataset, dir.resolve("report").toString())
            .synthetic(dir.resolve("synthetic").toString()).options(EvaluationOptions.builder().build()).build());
    EvaluationReport report = outcome.report();
    Map<String, RelationSupport> byText = new LinkedHashMap<>();
    report.relations().forEach(relation -> byText.put(relation.relation(), relation));
    RelationSupport debit = byText.get("after = before - amount when kind in (A, B)");
    assertTrue(debit != null, byText.keySet().toString());
    assertEquals(new RelationSupport("after = before - amount when kind in (A, B)", "formula", "discovered", true,
        kindAB, 1.0, kindAB, (kindAB - broken) / (double) kindAB), debit);
    assertEquals(1.0, byText.get("after = before + amount when kind in (C)").syntheticSupport());
    assertTrue(broken > 0 && broken < kindA);
    assertEquals((kindAB - broken) / (double) kindAB, report.headline().get("relation_support_min"), 1e-12);

    List<MetricRow> rows = report.metricRows();
    assertTrue(rows.contains(new MetricRow("ledger", "relation.synthetic_support", null, null,
        "after = before - amount when kind in (A, B)", (kindAB - broken) / (double) kindAB)), rows.toString());
    assertTrue(rows.contains(new MetricRow("ledger", "relation.real_rows", null, null,
        "after = before - amount when kind in (A, B)", kindAB)));
    String html = Files.readString(dir.resolve("report/report.html"));
    assertTrue(html.contains("<h2>Relations</h2>"));
    assertTrue(html.contains("after = before - amount when kind in (A, B)"));
    assertTrue(Files.readString(dir.resolve("report/summary.json")).contains("\"relations\""));
  }
}
