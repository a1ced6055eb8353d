package io.synthforge.eval.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtilityEvaluatorTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  private static final TableMetadata TABLE =
      TableMetadata.of(
          "loans",
          List.of(
              ColumnSpec.builder("score", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).nullable(true).build(),
              ColumnSpec.builder("region", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
              ColumnSpec.builder("default", ColumnType.STRING, ColumnRole.LABEL).build()));

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("UtilityEvaluatorTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** default = yes when score > 0.5 (with a little noise); region is noise; a few scores missing. */
  private static Dataset<Row> loans(int rows, long seed) {
    Random random = new Random(seed);
    String[] regions = {"north", "south", "east"};
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double score = random.nextDouble();
      boolean flip = random.nextDouble() < 0.03;
      String label = (score > 0.5) != flip ? "yes" : "no";
      data.add(RowFactory.create(i % 50 == 0 ? null : score, regions[random.nextInt(3)], label));
    }
    StructType schema =
        new StructType()
            .add("score", DataTypes.DoubleType, true)
            .add("region", DataTypes.StringType, false)
            .add("default", DataTypes.StringType, false);
    return spark.createDataFrame(data, schema);
  }

  private static Dataset<Row> view(Dataset<Row> frame) {
    return EvalColumns.normalise(frame, TABLE, "test");
  }

  @Test
  void trainsOnSyntheticAndRealAndScoresOnTheHoldout() {
    EvaluationOptions options =
        EvaluationOptions.builder().target("default", "yes").gbtMaxIter(5).gbtMaxDepth(3).lrMaxIter(30).build();
    UtilityResult result =
        UtilityEvaluator.evaluate(view(loans(600, 1)), view(loans(600, 2)), view(loans(300, 3)), TABLE, options);
    assertEquals(300, result.holdoutRows());
    ModelComparison gbt = result.model("gbt").orElseThrow();
    ModelComparison lr = result.model("lr").orElseThrow();
    assertTrue(gbt.real().rocAuc() > 0.9, "gbt real auc " + gbt.real().rocAuc());
    assertTrue(lr.real().rocAuc() > 0.9, "lr real auc " + lr.real().rocAuc());
    assertTrue(gbt.real().accuracy() > 0.85, "gbt accuracy " + gbt.real().accuracy());
    assertTrue(gbt.real().f1() > 0.85, "gbt f1 " + gbt.real().f1());
    assertEquals(1.0, gbt.ratio().rocAuc(), 0.1);
    assertEquals(gbt.synthetic().rocAuc() / gbt.real().rocAuc(), gbt.ratio().rocAuc(), 1e-12);
    for (ModelComparison model : result.models()) {
      RatioInterval interval = model.prAucRatioInterval();
      assertEquals(UtilityEvaluator.BOOTSTRAP_REPLICATES, interval.replicates(), model.model());
      assertTrue(interval.low() <= model.ratio().prAuc() && model.ratio().prAuc() <= interval.high(),
          model.model() + " PR AUC ratio " + model.ratio().prAuc() + " in " + interval);
    }
    assertEquals(List.of(), result.notes());
  }

  /** The driver-side area used by the bootstrap is the evaluator's areaUnderPR (ties and all). */
  @Test
  void rankedScoresAreaIsSparksAreaUnderPr() {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    double[] labels = new double[1_500];
    double[] scores = new double[1_500];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextDouble() < 0.05 ? 1 : 0;
      // Rounded to create ties; fewer than 2,000 distinct scores, so Spark does not merge points.
      scores[i] = Math.rint((labels[i] + random.nextGaussian()) * 100) / 100;
      rows.add(RowFactory.create(labels[i], org.apache.spark.ml.linalg.Vectors.dense(-scores[i], scores[i])));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("rawPrediction", new org.apache.spark.ml.linalg.VectorUDT(), false);
    double spark = new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator().setMetricName("areaUnderPR")
        .evaluate(UtilityEvaluatorTest.spark.createDataFrame(rows, schema));
    assertEquals(spark, new RankedScores(labels, scores).area(), 1e-12);
  }

  @Test
  void skipsModelsOfASingleClassTrainingTable() {
    EvaluationOptions options = EvaluationOptions.builder().target("default", "maybe").gbtMaxIter(3).build();
    UtilityResult result =
        UtilityEvaluator.evaluate(view(loans(100, 1)), view(loans(100, 2)), view(loans(50, 3)), TABLE, options);
    assertEquals(
        List.of(
            "Cannot train utility models on the synthetic data: the target has a single class",
            "Cannot train utility models on the real data: the target has a single class"),
        result.notes());
    assertTrue(Double.isNaN(result.model("gbt").orElseThrow().synthetic().rocAuc()));
  }

  @Test
  void rejectsAContinuousOrUnknownTarget() {
    UsageException continuous =
        assertThrows(UsageException.class, () -> UtilityEvaluator.validateTarget(TABLE, "score"));
    assertEquals(
        "Cannot train utility models on target 'score': it is a continuous column; give a categorical or label column",
        continuous.getMessage());
    UsageException unknown = assertThrows(UsageException.class, () -> UtilityEvaluator.validateTarget(TABLE, "x"));
    assertEquals("Cannot train utility models on target 'x': table 'loans' has no such column", unknown.getMessage());
  }
}
