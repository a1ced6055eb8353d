package io.synthforge.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.eval.EvalFixtures;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.EvaluationReport;
import io.synthforge.eval.Evaluator;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("HtmlReportWriterTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void writesAReportWhoseImagesAllExist() throws Exception {
    Dataset<Row> real = EvalFixtures.customers(spark, 400, 1, "C");
    Dataset<Row> holdout = EvalFixtures.customers(spark, 200, 2, "H");
    Dataset<Row> synthetic = EvalFixtures.customers(spark, 300, 3, "S");
    EvaluationOptions options =
        EvaluationOptions.builder().target("fraud", "1").gbtMaxIter(3).gbtMaxDepth(2).lrMaxIter(10).build();
    EvaluationReport report =
        Evaluator.evaluate(spark, real, synthetic, holdout, EvalFixtures.customers(), options);
    List<LossPoint> losses = new ArrayList<>();
    for (int round = 1; round <= 20; round++) {
      losses.add(new LossPoint(round, "generator", 2.0 / round));
      losses.add(new LossPoint(round, "discriminator", 1.0 + 0.1 / round));
    }

    Path html = HtmlReportWriter.write(report, losses, dir.resolve("report"));
    String text = Files.readString(html);
    assertTrue(text.contains("quality " + HtmlReportWriter.number(report.quality().score()) + " — "), text);
    assertTrue(text.contains("Machine-learning utility"));
    io.synthforge.eval.utility.ModelComparison gbt = report.utility().orElseThrow().model("gbt").orElseThrow();
    assertTrue(text.contains("gbt PR AUC ratio " + HtmlReportWriter.number(gbt.ratio().prAuc())
        + ": 95 % bootstrap interval " + HtmlReportWriter.number(gbt.prAucRatioInterval().low()) + " to "
        + HtmlReportWriter.number(gbt.prAucRatioInterval().high()) + " over 200 resamples of the holdout ("), text);
    assertTrue(text.contains("Label rates"));

    Matcher images = Pattern.compile("src=\"(images/[^\"]+\\.png)\"").matcher(text);
    int count = 0;
    while (images.find()) {
      Path image = html.getParent().resolve(images.group(1));
      assertTrue(Files.size(image) > 1000, image + " is empty");
      count++;
    }
    // 5 column charts, 2 heatmaps, DCR and losses.
    assertEquals(9, count);
  }
}
