package io.synthforge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.InvalidSchemaException;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("EvaluatorTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void evaluatesWithoutAHoldoutAndSaysWhatWasSkipped() {
    Dataset<Row> real = EvalFixtures.customers(spark, 300, 1, "C");
    Dataset<Row> synthetic = EvalFixtures.customers(spark, 300, 2, "S");
    EvaluationOptions options = EvaluationOptions.builder().target("fraud", "1").build();
    EvaluationReport report = Evaluator.evaluate(spark, real, synthetic, null, EvalFixtures.customers(), options);

    Map<String, Double> headline = report.headline();
    assertTrue(headline.get("quality") > 0.8, "quality " + headline.get("quality"));
    assertFalse(headline.containsKey("utility_gbt_roc_auc_ratio"));
    assertFalse(headline.containsKey("dcr_closer_than_holdout_p5"));
    assertEquals(0.0, headline.get("exact_copy_rate"));
    assertEquals(0.0, headline.get("pii_matches"));
    assertEquals(
        List.of(
            "Utility skipped: it needs a real holdout to score the models on",
            "Holdout DCR skipped: no real holdout was given, so synthetic distances have no baseline"),
        report.notes());
    assertTrue(report.utility().isEmpty());
    // fraud is a label: one rate per value, with a Wilson interval around the synthetic rate.
    assertEquals(2, report.labelRates().size());
    assertTrue(report.labelRates().stream().allMatch(r -> r.syntheticLow() <= r.syntheticRate()));
  }

  @Test
  void flattensTheReportIntoMetricRowsAndJson() {
    Dataset<Row> real = EvalFixtures.customers(spark, 200, 1, "C");
    EvaluationReport report =
        Evaluator.evaluate(spark, real, real, real, EvalFixtures.customers(), EvaluationOptions.defaults());
    assertEquals(1.0, report.headline().get("quality"), 1e-12);
    assertEquals(1.0, report.headline().get("exact_copy_rate"), 1e-12);

    List<MetricRow> rows = report.metricRows();
    Dataset<Row> frame = MetricRow.toDataFrame(spark, rows);
    assertEquals(MetricRow.SCHEMA, frame.schema());
    assertEquals(rows.size(), frame.count());
    assertEquals(
        1L, frame.where("metric = 'column_shape.ks_complement' AND `column` = 'income' AND value = 1.0").count());
    assertEquals(1L, frame.where("metric = 'pair_trend.correlation_similarity' AND column_2 = 'signup'"
        + " AND `column` = 'income'").count());

    String json = report.toJson();
    assertTrue(json.contains("\"table\" : \"customers\""), json.substring(0, 200));
    assertTrue(json.contains("\"columnPairTrends\""));
    assertTrue(json.contains("\"exactCopyRate\" : 1.0"));
  }

  @Test
  void rejectsASyntheticTableWithoutALearnedColumn() {
    Dataset<Row> real = EvalFixtures.customers(spark, 20, 1, "C");
    InvalidSchemaException error =
        assertThrows(
            InvalidSchemaException.class,
            () ->
                Evaluator.evaluate(
                    spark, real, real.drop("plan"), null, EvalFixtures.customers(), EvaluationOptions.defaults()));
    assertEquals("Cannot evaluate table 'customers': the synthetic data has no column 'plan'", error.getMessage());
  }
}
