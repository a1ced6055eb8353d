package io.synthforge.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.report.HtmlReportWriter;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full evaluation on UCI Adult with a bootstrap resample of the holdout as the "synthetic" table; a sanity check of
 * the numbers and the runtime, not part of the default suite. Run with
 * {@code mvn -pl pipeline test -Dtest=AdultEvaluationRun -Dsynthforge.eval.adult=true}.
 */
class AdultEvaluationRun {
  private static final Logger LOG = LoggerFactory.getLogger(AdultEvaluationRun.class);

  @Test
  void evaluatesABootstrapOfTheHoldout() throws Exception {
    assumeTrue(Boolean.getBoolean("synthforge.eval.adult"), "set -Dsynthforge.eval.adult=true to run");
    Path data = Paths.get(System.getProperty("synthforge.shared.data", "/work/shared/data"), "adult.csv");
    assumeTrue(Files.exists(data), data + " is missing");
    Path out = Paths.get("target", "adult-evaluation");
    SparkSession spark = LocalSpark.start("AdultEvaluationRun", out.resolve("warehouse").toAbsolutePath());
    try {
      Dataset<Row> adult =
          spark.read().option("header", true).option("inferSchema", true).option("ignoreLeadingWhiteSpace", true)
              .csv(data.toString());
      Dataset<Row>[] split = adult.randomSplit(new double[] {0.8, 0.2}, 42L);
      Dataset<Row> real = split[0].cache();
      Dataset<Row> holdout = split[1].cache();
      Dataset<Row> synthetic = holdout.sample(true, 1.0, 7L).cache();
      List<ColumnSpec> columns = new ArrayList<>();
      for (String name : List.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week")) {
        columns.add(ColumnSpec.builder(name, ColumnType.INT, ColumnRole.CONTINUOUS).build());
      }
      for (String name : List.of("workclass", "education", "marital-status", "occupation", "relationship", "race",
          "sex", "native-country")) {
        columns.add(ColumnSpec.builder(name, ColumnType.STRING, ColumnRole.CATEGORICAL).build());
      }
      columns.add(ColumnSpec.builder("income", ColumnType.STRING, ColumnRole.LABEL).build());
      TableMetadata table = TableMetadata.of("adult", columns);
      EvaluationOptions options = EvaluationOptions.builder().target("income", ">50K").seed(42).build();

      long started = System.nanoTime();
      EvaluationReport report = Evaluator.evaluate(spark, real, synthetic, holdout, table, options);
      long evaluated = System.nanoTime();
      HtmlReportWriter.write(report, List.of(), out.resolve("report"));
      long written = System.nanoTime();
      Files.writeString(out.resolve("report.json"), report.toJson());
      LOG.info("Adult evaluation took {} ms, report {} ms; timings {}", (evaluated - started) / 1_000_000,
          (written - evaluated) / 1_000_000, report.timingsMs());
      LOG.info("Adult headline {}", report.headline());
    } finally {
      spark.stop();
    }
  }
}
