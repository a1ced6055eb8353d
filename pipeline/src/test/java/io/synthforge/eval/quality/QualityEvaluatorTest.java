package io.synthforge.eval.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvalFixtures;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

class QualityEvaluatorTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("QualityEvaluatorTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static QualityResult quality(Dataset<Row> real, Dataset<Row> synthetic, TableMetadata table) {
    Dataset<Row> r = EvalColumns.normalise(real, table, "real");
    Dataset<Row> s = EvalColumns.normalise(synthetic, table, "synthetic");
    Map<String, NumericSummary> summaries = NumericSummary.of(r, EvalColumns.numeric(table));
    CategoryFrequencies frequencies =
        CategoryFrequencies.of(r, s, EvalColumns.discrete(table), r.count(), s.count());
    return QualityEvaluator.evaluate(r, s, table, summaries, frequencies, EvaluationOptions.defaults());
  }

  private static TableMetadata table(String... columns) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (String column : columns) {
      String[] parts = column.split(":");
      boolean numeric = parts[1].equals("n");
      specs.add(
          ColumnSpec.builder(
                  parts[0],
                  numeric ? ColumnType.DOUBLE : ColumnType.STRING,
                  numeric ? ColumnRole.CONTINUOUS : ColumnRole.CATEGORICAL)
              .nullable(true)
              .build());
    }
    return TableMetadata.of("t", specs);
  }

  private static Dataset<Row> frame(TableMetadata table, Object[]... rows) {
    StructType schema = new StructType();
    for (ColumnSpec spec : table.columns()) {
      schema = schema.add(spec.name(), spec.type() == ColumnType.DOUBLE ? DataTypes.DoubleType : DataTypes.StringType);
    }
    List<Row> data = new ArrayList<>();
    for (Object[] row : rows) {
      data.add(RowFactory.create(row));
    }
    return spark.createDataFrame(data, schema);
  }

  private static ColumnShape shape(QualityResult result, String column) {
    return result.shapes().stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
  }

  private static PairTrend pair(QualityResult result, String a, String b) {
    return result.pairs().stream()
        .filter(p -> p.column1().equals(a) && p.column2().equals(b))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void identicalTablesScoreOneOnShapesAndPairTrends() {
    Dataset<Row> real = EvalFixtures.customers(spark, 300, 1, "C");
    QualityResult result = quality(real, real, EvalFixtures.customers());
    assertEquals(1.0, result.columnShapes(), 1e-12);
    assertEquals(1.0, result.columnPairTrends(), 1e-12);
    assertEquals(1.0, result.score(), 1e-12);
    // id is an identifier: 5 learned columns, 10 pairs.
    assertEquals(5, result.shapes().size());
    assertEquals(10, result.pairs().size());
  }

  @Test
  void shuffledColumnKeepsItsShapeButBreaksItsPairTrend() {
    TableMetadata table = table("x:n", "y:n");
    Random random = new Random(7);
    List<Object[]> real = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double x = random.nextGaussian();
      double y = 2 * x + 0.1 * random.nextGaussian();
      real.add(new Object[] {x, y});
      ys.add(y);
    }
    Collections.shuffle(ys, new Random(8));
    List<Object[]> shuffled = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      shuffled.add(new Object[] {real.get(i)[0], ys.get(i)});
    }
    QualityResult result =
        quality(frame(table, real.toArray(new Object[0][])), frame(table, shuffled.toArray(new Object[0][])), table);
    assertEquals(1.0, result.columnShapes(), 1e-12);
    PairTrend trend = pair(result, "x", "y");
    assertTrue(trend.realCorrelation() > 0.99, "real rho " + trend.realCorrelation());
    assertTrue(Math.abs(trend.syntheticCorrelation()) < 0.15, "synthetic rho " + trend.syntheticCorrelation());
    assertTrue(trend.score() < 0.6, "pair score " + trend.score());
  }

  @Test
  void kolmogorovSmirnovMatchesHandComputedValueWithTies() {
    TableMetadata table = table("x:n");
    // ECDFs: at 1 .25 vs 0, at 2 .75 vs .2, at 3 1 vs .8, at 4 1 vs 1 -> D = .55 (scipy ks_2samp agrees).
    Dataset<Row> real = frame(table, new Object[] {1.0}, new Object[] {2.0}, new Object[] {2.0}, new Object[] {3.0});
    Dataset<Row> synthetic =
        frame(table, new Object[] {2.0}, new Object[] {3.0}, new Object[] {3.0}, new Object[] {3.0},
            new Object[] {4.0}, new Object[] {null});
    Dataset<Row> r = EvalColumns.normalise(real, table, "real");
    Dataset<Row> s = EvalColumns.normalise(synthetic, table, "synthetic");
    assertEquals(0.55, KolmogorovSmirnov.statistics(r, s, List.of("x"))[0], 1e-12);
    assertEquals(0.45, shape(quality(real, synthetic, table), "x").score(), 1e-12);
  }

  @Test
  void kolmogorovSmirnovIsExactAcrossManyPartitions() {
    TableMetadata table = table("x:n");
    Random random = new Random(3);
    double[] a = new double[2000];
    double[] b = new double[1500];
    List<Object[]> ra = new ArrayList<>();
    List<Object[]> rb = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.round(random.nextGaussian() * 20) / 4.0;
      ra.add(new Object[] {a[i]});
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.round((random.nextGaussian() + 0.2) * 20) / 4.0;
      rb.add(new Object[] {b[i]});
    }
    Dataset<Row> r = frame(table, ra.toArray(new Object[0][])).repartition(7);
    Dataset<Row> s = frame(table, rb.toArray(new Object[0][])).repartition(5);
    assertEquals(bruteForceKs(a, b), KolmogorovSmirnov.statistics(r, s, List.of("x"))[0], 1e-12);
  }

  private static double bruteForceKs(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    double d = 0;
    for (double v : all) {
      double fa = Arrays.stream(a).filter(x -> x <= v).count() / (double) a.length;
      double fb = Arrays.stream(b).filter(x -> x <= v).count() / (double) b.length;
      d = Math.max(d, Math.abs(fa - fb));
    }
    return d;
  }

  @Test
  void totalVariationCountsNullsAsACategory() {
    TableMetadata table = table("c:c");
    // real a .5 b .25 null .25; synthetic a .25 b .5 c .25 -> TVD (.25+.25+.25+.25)/2 = .5
    Dataset<Row> real = frame(table, new Object[] {"a"}, new Object[] {"a"}, new Object[] {"b"}, new Object[] {null});
    Dataset<Row> synthetic =
        frame(table, new Object[] {"a"}, new Object[] {"b"}, new Object[] {"b"}, new Object[] {"c"});
    assertEquals(0.5, shape(quality(real, synthetic, table), "c").score(), 1e-12);
  }

  @Test
  void correlationSimilarityMatchesHandComputedPearson() {
    TableMetadata table = table("x:n", "y:n");
    Dataset<Row> real =
        frame(table, new Object[] {1.0, 1.0}, new Object[] {2.0, 2.0}, new Object[] {3.0, 3.0}, new Object[] {4.0, 4.0});
    // rho = 4 / sqrt(5 * 5) = 0.8 -> score 1 - |1 - 0.8| / 2 = 0.9
    Dataset<Row> synthetic =
        frame(table, new Object[] {1.0, 1.0}, new Object[] {2.0, 3.0}, new Object[] {3.0, 2.0}, new Object[] {4.0, 4.0},
            new Object[] {null, 9.0});
    PairTrend trend = pair(quality(real, synthetic, table), "x", "y");
    assertEquals(PairTrend.CORRELATION, trend.metric());
    assertEquals(1.0, trend.realCorrelation(), 1e-12);
    assertEquals(0.8, trend.syntheticCorrelation(), 1e-12);
    assertEquals(0.9, trend.score(), 1e-12);
  }

  @Test
  void contingencySimilarityMatchesHandComputedTables() {
    TableMetadata categorical = table("a:c", "b:c");
    // real ax .5 by .5; synthetic ay ax by bx .25 each -> TVD 1/2 -> score .5
    Dataset<Row> real =
        frame(categorical, new Object[] {"a", "x"}, new Object[] {"a", "x"}, new Object[] {"b", "y"},
            new Object[] {"b", "y"});
    Dataset<Row> synthetic =
        frame(categorical, new Object[] {"a", "y"}, new Object[] {"a", "x"}, new Object[] {"b", "y"},
            new Object[] {"b", "x"});
    assertEquals(0.5, pair(quality(real, synthetic, categorical), "a", "b").score(), 1e-12);

    TableMetadata mixed = table("x:n", "c:c");
    // x bins over the real range [0, 10] (10 equal-width bins): 0 -> bin 0, 10 -> bin 9.
    Dataset<Row> realMixed =
        frame(mixed, new Object[] {0.0, "a"}, new Object[] {10.0, "b"}, new Object[] {0.0, "a"},
            new Object[] {10.0, "b"});
    Dataset<Row> syntheticMixed =
        frame(mixed, new Object[] {0.0, "a"}, new Object[] {0.0, "b"}, new Object[] {10.0, "a"},
            new Object[] {10.0, "b"});
    PairTrend trend = pair(quality(realMixed, syntheticMixed, mixed), "x", "c");
    assertEquals(PairTrend.CONTINGENCY, trend.metric());
    assertEquals(0.5, trend.score(), 1e-12);
  }

  @Test
  void validityCountsRowsOutsideTheRealDomainAndSchemaViolations() {
    TableMetadata table =
        TableMetadata.of(
            "t",
            List.of(
                ColumnSpec.builder("x", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).max(10.0).build(),
                ColumnSpec.builder("c", ColumnType.STRING, ColumnRole.CATEGORICAL).build()));
    Dataset<Row> real =
        frame(table, new Object[] {0.0, "a"}, new Object[] {10.0, "b"}, new Object[] {5.0, "a"});
    Dataset<Row> synthetic =
        frame(table, new Object[] {5.0, "a"}, new Object[] {11.0, "a"}, new Object[] {5.0, "c"},
            new Object[] {-1.0, "c"}, new Object[] {null, "b"});
    Dataset<Row> r = EvalColumns.normalise(real, table, "real");
    Dataset<Row> s = EvalColumns.normalise(synthetic, table, "synthetic");
    Map<String, NumericSummary> summaries = NumericSummary.of(r, List.of("x"));
    CategoryFrequencies frequencies = CategoryFrequencies.of(r, s, List.of("c"), 3, 5);
    ValidityResult validity = ValidityEvaluator.evaluate(s, synthetic, table, summaries, frequencies);
    assertEquals(5, validity.syntheticRows());
    assertEquals(1, validity.validRows());
    assertEquals(0.2, validity.validRowShare(), 1e-12);
    assertEquals(3L, validity.invalidByColumn().get("x"));
    assertEquals(2L, validity.invalidByColumn().get("c"));
    // 11 > declared max 10; null in the non-nullable x.
    assertEquals(2, validity.schemaViolatingRows());
    assertEquals(2L, validity.schemaViolationsByColumn().get("x"));
    assertEquals(List.of(), validity.schemaMismatches());
  }

  @Test
  void wilsonIntervalMatchesReferenceValues() {
    double[] interval = LabelRate.wilson(5, 100);
    assertEquals(0.02154, interval[0], 1e-5);
    assertEquals(0.11175, interval[1], 1e-5);
    double[] none = LabelRate.wilson(0, 50);
    assertEquals(0.0, none[0], 1e-12);
    assertEquals(0.07135, none[1], 1e-5);
  }
}
