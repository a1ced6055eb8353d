package io.synthforge.eval.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvalFixtures;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.quality.CategoryFrequencies;
import io.synthforge.eval.quality.NumericSummary;
import io.synthforge.testing.LocalSpark;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.reflect.ClassTag$;

class PrivacyEvaluatorTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("PrivacyEvaluatorTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static PrivacyResult privacy(Dataset<Row> real, Dataset<Row> synthetic, Dataset<Row> holdout) {
    TableMetadata table = EvalFixtures.customers();
    Dataset<Row> r = EvalColumns.normalise(real, table, "real");
    Dataset<Row> s = EvalColumns.normalise(synthetic, table, "synthetic");
    Dataset<Row> h = holdout == null ? null : EvalColumns.normalise(holdout, table, "holdout");
    Map<String, NumericSummary> summaries = NumericSummary.of(r, EvalColumns.numeric(table));
    CategoryFrequencies frequencies =
        CategoryFrequencies.of(r, s, EvalColumns.discrete(table), r.count(), s.count());
    return PrivacyEvaluator.evaluate(
        spark, r, s, h, real, synthetic, table, summaries, frequencies, EvaluationOptions.defaults());
  }

  @Test
  void flagsASyntheticTableThatCopiesTheTrainingRows() {
    Dataset<Row> real = EvalFixtures.customers(spark, 400, 1, "C");
    Dataset<Row> holdout = EvalFixtures.customers(spark, 400, 2, "H");
    PrivacyResult result = privacy(real, real, holdout);
    assertEquals(400, result.exactCopies());
    assertEquals(1.0, result.exactCopyRate(), 1e-12);
    assertEquals(0.0, result.syntheticDcrP50(), 1e-12);
    assertTrue(result.holdoutDcrP5() > 0, "holdout p5 " + result.holdoutDcrP5());
    assertEquals(1.0, result.closerThanHoldoutP5(), 1e-12);
    // The copy reuses every training id.
    assertEquals(400L, result.piiMatches().get("id"));
  }

  @Test
  void freshRowsLookLikeTheHoldoutAndReuseNoIdentifiers() {
    Dataset<Row> real = EvalFixtures.customers(spark, 400, 1, "C");
    Dataset<Row> holdout = EvalFixtures.customers(spark, 400, 2, "H");
    Dataset<Row> synthetic = EvalFixtures.customers(spark, 400, 3, "S");
    PrivacyResult result = privacy(real, synthetic, holdout);
    assertEquals(0, result.exactCopies());
    assertEquals(0, result.piiMatchTotal());
    assertTrue(result.closerThanHoldoutP5() < 0.15, "closer share " + result.closerThanHoldoutP5());
  }

  @Test
  void countsSyntheticIdentifiersThatMatchTrainingValues() {
    Dataset<Row> real = EvalFixtures.customers(spark, 100, 1, "C");
    // Three synthetic rows reuse training ids C0, C1, C2; the rest are new.
    Dataset<Row> synthetic =
        EvalFixtures.customers(spark, 100, 4, "X")
            .withColumn(
                "id",
                when(col("id").isin("X0", "X1", "X2"), concat(lit("C"), col("id").substr(2, 1))).otherwise(col("id")));
    PrivacyResult result = privacy(real, synthetic, null);
    assertEquals(3L, result.piiMatches().get("id"));
    assertEquals(3, result.piiMatchTotal());
    assertTrue(Double.isNaN(result.closerThanHoldoutP5()));
    assertEquals(0, result.holdoutSampled());
  }

  @Test
  void kernelEqualsEuclideanDistanceOfOneHotEncoding() {
    // Two numeric columns (scaled) and one categorical column of 3 categories; compare with explicit one-hot.
    Random random = new Random(11);
    int rows = 5000;
    float[][] reference = new float[rows][];
    for (int i = 0; i < rows; i++) {
      reference[i] = new float[] {random.nextFloat(), random.nextFloat(), random.nextInt(3)};
    }
    RowEncoder encoder = encoderOf();
    ReferenceMatrix matrix = ReferenceMatrix.of(encoder, List.of(reference).iterator(), rows);
    float[][] queries = new float[40][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = new float[] {random.nextFloat() * 1.2f, random.nextFloat(), random.nextInt(4) - 1};
    }
    double[] nearest = matrix.nearestDistances(queries);
    for (int q = 0; q < queries.length; q++) {
      double best = Double.POSITIVE_INFINITY;
      for (float[] row : reference) {
        double d = sq(queries[q][0] - row[0]) + sq(queries[q][1] - row[1]);
        // An unseen category (code -1) is a one-hot position of its own.
        for (int k = -1; k < 3; k++) {
          d += sq((queries[q][2] == k ? 1 : 0) - (row[2] == k ? 1 : 0));
        }
        best = Math.min(best, d);
      }
      assertEquals(Math.sqrt(best), nearest[q], 1e-5);
    }
  }

  @Test
  void theBroadcastEncoderAndReferenceCrossKryoIntact() {
    // Every cluster-config sets Kryo, which ships broadcasts to executor JVMs; local mode hands tasks the driver's copy.
    RowEncoder encoder = encoderOf();
    Random random = new Random(5);
    float[][] reference = new float[300][];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = new float[] {random.nextFloat(), random.nextFloat(), random.nextInt(3)};
    }
    ReferenceMatrix matrix = ReferenceMatrix.of(encoder, List.of(reference).iterator(), reference.length);

    RowEncoder shippedEncoder = throughKryo(encoder);
    ReferenceMatrix shippedMatrix = throughKryo(matrix);

    for (Row row : List.of(RowFactory.create(0.25, 0.75, "y"), RowFactory.create(2.0, -1.0, "unseen"),
        RowFactory.create(null, 0.5, "x"))) {
      assertArrayEquals(encoder.encode(row), shippedEncoder.encode(row), 0f, row.toString());
    }
    float[][] queries = {{0.1f, 0.2f, 0}, {0.9f, 0.4f, -1}, {1.5f, 0.0f, 2}};
    assertEquals(matrix.rows(), shippedMatrix.rows());
    assertArrayEquals(matrix.nearestDistances(queries), shippedMatrix.nearestDistances(queries), 0.0);
    // The distance tasks' results (boxed doubles) travel the same way.
    assertEquals(Double.valueOf(0.5), throughKryo(Double.valueOf(0.5)));
  }

  private static <T> T throughKryo(T value) {
    SerializerInstance kryo = new KryoSerializer(new SparkConf(false)).newInstance();
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  private static double sq(double v) {
    return v * v;
  }

  private static RowEncoder encoderOf() {
    TableMetadata table =
        TableMetadata.of(
            "k",
            List.of(
                io.synthforge.api.ColumnSpec.builder("a", io.synthforge.api.ColumnType.DOUBLE,
                    io.synthforge.api.ColumnRole.CONTINUOUS).build(),
                io.synthforge.api.ColumnSpec.builder("b", io.synthforge.api.ColumnType.DOUBLE,
                    io.synthforge.api.ColumnRole.CONTINUOUS).build(),
                io.synthforge.api.ColumnSpec.builder("c", io.synthforge.api.ColumnType.STRING,
                    io.synthforge.api.ColumnRole.CATEGORICAL).build()));
    Dataset<Row> frame =
        spark.createDataFrame(
            List.of(RowFactory.create(0.0, 0.0, "x"), RowFactory.create(1.0, 1.0, "y"),
                RowFactory.create(0.5, 0.5, "z")),
            io.synthforge.io.SparkSchemas.of(table));
    Map<String, NumericSummary> summaries = NumericSummary.of(frame, List.of("a", "b"));
    CategoryFrequencies frequencies = CategoryFrequencies.of(frame, frame, List.of("c"), 3, 3);
    return RowEncoder.fit(List.of("a", "b", "c"), List.of("c"), summaries, frequencies);
  }
}
