package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.JobFailedException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import io.synthforge.publish.CatalogSpark;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import io.synthforge.publish.TableOutput;
import io.synthforge.publish.WriteMode;
import io.synthforge.testing.Fixtures;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TableTransformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample job on real Spark (local[2]) with a real Hive metastore (Derby), driven by a test model. */
class SampleJobTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String model;
  private static TableTransformer transformer;
  private static Set<String> trainingIds;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("SampleJobTest", dir);
    String csv = Fixtures.goodCsv(2_000, 5);
    model = TestBundles.bundle(spark, csv, Fixtures.SCHEMA, dir.resolve("input").toString(),
        dir.resolve("datasets/payments").toString(), dir.resolve("models/payments").toString());
    transformer = ModelBundle.load(new Storage(spark.sparkContext().hadoopConfiguration()), model).transformer();
    trainingIds = csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).collect(Collectors.toSet());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static SampleRequest.Builder request(long rows, String name) {
    return SampleRequest.builder(model, rows, dir.resolve("out/" + name).toString()).chunkRows(3_000);
  }

  private static SampleResult sample(SampleRequest request) {
    return new SampleJob(spark, TestModels.frequencies(0.3)).run(request);
  }

  private static List<Row> rows(String name) {
    return spark.read().option("recursiveFileLookup", "true").parquet(dir.resolve("out/" + name).toString()).collectAsList();
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void theSameSeedGivesTheSameRowsWhateverThePartitions() {
    sample(request(20_000, "one-partition").seed(9).partitions(1).build());
    sample(request(20_000, "three-partitions").seed(9).partitions(3).build());
    sample(request(20_000, "other-seed").seed(10).partitions(3).build());

    List<String> one = sorted(rows("one-partition"));
    assertEquals(20_000, one.size());
    assertEquals(one, sorted(rows("three-partitions")));
    assertNotEquals(one, sorted(rows("other-seed")));
  }

  @Test
  void theDirectWriterWritesTheRowsAndSchemaOfSparksWriterOneFileAPartition() throws Exception {
    sample(request(12_000, "direct").seed(5).partitions(3).build());
    spark.conf().set(SampleJob.WRITER, "spark");
    try {
      sample(request(12_000, "spark-writer").seed(5).partitions(3).build());
    } finally {
      spark.conf().unset(SampleJob.WRITER);
    }

    org.apache.spark.sql.Dataset<Row> direct = spark.read().option("recursiveFileLookup", "true")
        .parquet(dir.resolve("out/direct").toString());
    org.apache.spark.sql.Dataset<Row> viaSpark = spark.read().option("recursiveFileLookup", "true")
        .parquet(dir.resolve("out/spark-writer").toString());
    assertEquals(viaSpark.schema(), direct.schema());
    List<String> rows = sorted(direct.collectAsList());
    assertEquals(12_000, rows.size());
    assertEquals(sorted(viaSpark.collectAsList()), rows);
    Path runDir;
    try (Stream<Path> runs = Files.list(dir.resolve("out/direct"))) {
      runDir = runs.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.list(runDir)) {
      assertEquals(List.of("part-00000-c000.zstd.parquet", "part-00001-c000.zstd.parquet", "part-00002-c000.zstd.parquet"),
          files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted()
              .collect(Collectors.toList()));
    }
  }

  @Test
  void anUnknownWriterIsAUsageError() {
    spark.conf().set(SampleJob.WRITER, "fast");
    try {
      UsageException refused = assertThrows(UsageException.class, () -> sample(request(1_000, "unknown-writer").build()));
      assertEquals("Cannot use spark.synthforge.sample.writer=fast: expected direct or spark", refused.getMessage());
    } finally {
      spark.conf().unset(SampleJob.WRITER);
    }
  }

  @Test
  void aConditionHitsOnlyThatClass() {
    // The test model misses the condition 30% of the time; the sampler redraws those rows.
    SampleResult result = sample(request(10_000, "fraud-only").condition(CategoryCondition.parse("fraud=1")).build());

    List<Row> rows = rows("fraud-only");
    assertEquals(10_000, rows.size());
    assertTrue(rows.stream().allMatch(row -> row.getInt(row.fieldIndex("fraud")) == 1));
    assertEquals(0, result.forcedRows());
    assertEquals("fraud=1", result.conditions());
  }

  @Test
  void anUnconditionedSampleKeepsTheLabelsTrainingRatesExactly() {
    SampleResult result = sample(request(10_000, "label-rates").build());

    io.synthforge.transform.CategoricalTransform fraud =
        (io.synthforge.transform.CategoricalTransform) transformer.transform("fraud");
    long[] frequencies = fraud.frequencies();
    long[] expected = Apportionment.largestRemainder(10_000,
        java.util.Arrays.stream(frequencies).asDoubleStream().toArray());
    Map<Integer, Long> counts = rows("label-rates").stream()
        .collect(Collectors.groupingBy(row -> row.getInt(row.fieldIndex("fraud")), Collectors.counting()));
    assertEquals(expected[fraud.labels().indexOf("1")], counts.get(1));
    assertEquals(expected[fraud.labels().indexOf("0")], counts.get(0));
    assertEquals("fraud at its training rates", result.conditions());
  }

  @Test
  void labelRatesLeftToTheModelFollowItsOwnRate() {
    sample(request(10_000, "model-rates").labelRates(LabelRates.MODEL).build());

    long frauds = rows("model-rates").stream().filter(row -> row.getInt(row.fieldIndex("fraud")) == 1).count();
    // The test model draws each category by its training frequency (~5%): close, but not exact.
    assertTrue(frauds > 300 && frauds < 700, frauds + " fraud rows");
  }

  @Test
  void aRatioIsExactByConstruction() {
    sample(request(10_001, "ratio").ratio(CategoryRatio.parse("kind=B:0.3")).build());

    Map<String, Long> kinds = rows("ratio").stream()
        .collect(Collectors.groupingBy(row -> row.getString(row.fieldIndex("kind")), Collectors.counting()));
    // round(0.3 * 10,001) = 3,000 rows of B, exactly; the rest are A and C by their training frequencies.
    assertEquals(3_000L, kinds.get("B"));
    assertEquals(7_001L, kinds.get("A") + kinds.get("C"));
    assertTrue(kinds.get("A") > kinds.get("C"), kinds.toString());
  }

  @Test
  void fakeIdentifiersKeepTheFormatAreUniqueAndNeverEqualATrainingValue() {
    sample(request(20_000, "pii").build());

    List<String> ids = rows("pii").stream().map(row -> row.getString(row.fieldIndex("id"))).collect(Collectors.toList());
    assertEquals(20_000, ids.size());
    assertTrue(ids.stream().allMatch(id -> id.matches("P\\d{5}")), ids.get(0));
    assertEquals(20_000, new HashSet<>(ids).size(), "fakes are distinct");
    Set<String> leaked = ids.stream().filter(trainingIds::contains).collect(Collectors.toSet());
    assertTrue(leaked.isEmpty(), "training identifiers leaked: " + leaked);
  }

  @Test
  void theOutputIsTypedByAvroAndReadableAsCsv() throws Exception {
    sample(request(5_000, "csv").format(OutputFormat.CSV).build());

    Path out = dir.resolve("out/csv");
    TableMetadata schema = AvroTableSchemas.parse(Files.readString(out.resolve(TableOutput.SCHEMA_FILE)), "_schema.avsc");
    assertEquals(transformer.metadata().columns(), schema.columns());
    Path runDir;
    try (Stream<Path> runs = Files.list(out)) {
      runDir = runs.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
    }
    Path csvFile;
    try (Stream<Path> files = Files.list(runDir)) {
      csvFile = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    assertEquals("id,age,kind,amount,fraud", Files.readAllLines(csvFile, StandardCharsets.UTF_8).get(0));
    assertEquals(5_000L, spark.read().option("header", "true").option("recursiveFileLookup", "true").csv(out.toString()).count());
  }

  @Test
  void modesRefuseReplaceOrAppend() {
    sample(request(4_000, "modes").build());

    UsageException refused = assertThrows(UsageException.class, () -> sample(request(4_000, "modes").build()));
    assertEquals("Cannot write sample to " + dir.resolve("out/modes") + ": it exists (pass --mode overwrite or --mode append)",
        refused.getMessage());

    sample(request(3_000, "modes").mode(WriteMode.OVERWRITE).seed(1).build());
    assertEquals(3_000, rows("modes").size());

    sample(request(2_000, "modes").mode(WriteMode.APPEND).seed(2).build());
    assertEquals(5_000, rows("modes").size());
    assertEquals(2, dir.resolve("out/modes").toFile().list((d, name) -> name.startsWith("run-")).length);

    UsageException csv = assertThrows(UsageException.class,
        () -> sample(request(2_000, "modes").mode(WriteMode.APPEND).format(OutputFormat.CSV).build()));
    assertTrue(csv.getMessage().startsWith("Cannot append csv files to file:"), csv.getMessage());
    assertTrue(csv.getMessage().endsWith("/out/modes: it holds parquet files"), csv.getMessage());
  }

  @Test
  void aJobThatFailsMidwayLeavesNoOutputAndNoCatalogEntryAndARerunSucceeds() {
    TableName table = TableName.parse("synthetic.failing");
    SampleRequest request = request(12_000, "failing").partitions(2).chunkRows(2_000).table(table).build();
    SyntheticCatalog catalog = SyntheticCatalog.of(spark);

    // Each executor model throws once it has generated more than one chunk, i.e. inside its second chunk.
    JobFailedException failed = assertThrows(JobFailedException.class,
        () -> new SampleJob(spark, TestModels.failingAfter(2_000)).run(request));
    assertTrue(failed.getMessage().contains("fails on purpose"), failed.getMessage());

    assertFalse(Files.exists(dir.resolve("out/failing")));
    assertEquals(List.of(), leftovers("failing"));
    assertFalse(catalog.exists(table));
    assertEquals(0L, runsOf(table));

    SampleResult rerun = sample(request);
    assertEquals(12_000, rows("failing").size());
    assertTrue(catalog.exists(table));
    Map<String, String> properties = catalog.properties(table);
    assertEquals(rerun.runId(), properties.get("synthforge.run_id"));
    assertEquals("12000", properties.get("synthforge.rows"));
    assertEquals("42", properties.get("synthforge.seed"));
    assertEquals(model, properties.get("synthforge.model"));
    assertEquals(12_000L, spark.sql("SELECT count(*) FROM synthetic.failing").first().getLong(0));
    assertEquals(1L, runsOf(table));
  }

  @Test
  void rowsThatBreakTheSchemaFailTheJobWithACountAndTheFirstReason() {
    ModelFactory nanAmounts = new NanAmounts();
    JobFailedException failed = assertThrows(JobFailedException.class,
        () -> new SampleJob(spark, nanAmounts).run(request(3_000, "invalid").build()));
    assertTrue(failed.getMessage().startsWith("Cannot publish sample to " + dir.resolve("out/invalid")
        + ": 3,000 generated rows break the schema of table 'payments'; first: row 0: column 'amount' = NaN is not a "
        + "finite number"), failed.getMessage());
    assertFalse(Files.exists(dir.resolve("out/invalid")));
    assertEquals(List.of(), leftovers("invalid"));
  }

  @Test
  void badConditionsAreUsageErrorsNamingTheFix() {
    assertEquals("Cannot condition on column 'foo': no such column (columns: id, age, kind, amount, fraud)",
        planError(List.of(CategoryCondition.parse("foo=1")), List.of()));
    assertEquals("Cannot condition on column 'amount': it is a continuous column; conditions need a categorical or "
        + "label column (discrete columns: kind, fraud)", planError(List.of(CategoryCondition.parse("amount=3")), List.of()));
    assertEquals("Cannot condition on column 'id': it is an identifier column; conditions need a categorical or label "
        + "column (discrete columns: kind, fraud)", planError(List.of(CategoryCondition.parse("id=P00001")), List.of()));
    assertEquals("Cannot condition on fraud=2: no such category (categories: 0, 1)",
        planError(List.of(CategoryCondition.parse("fraud=2")), List.of()));
    assertEquals("Cannot use ratios kind=A:0.8,kind=B:0.5: their shares add up to more than 1",
        planError(List.of(), List.of(CategoryRatio.parse("kind=A:0.8"), CategoryRatio.parse("kind=B:0.5"))));
    assertEquals("Cannot condition on columns [kind, fraud] together: conditions and ratios of one run must name one "
        + "column (a generator conditions each row on one category)",
        planError(List.of(CategoryCondition.parse("kind=A"), CategoryCondition.parse("fraud=1")), List.of()));
    assertEquals("Cannot use ratio fraud=1:1.5: the share must be in (0, 1]",
        assertThrows(UsageException.class, () -> CategoryRatio.parse("fraud=1:1.5")).getMessage());
    assertEquals("Cannot use ratio fraud=1:0.0: the share must be in (0, 1]",
        assertThrows(UsageException.class, () -> CategoryRatio.parse("fraud=1:0")).getMessage());
    assertEquals("Cannot read condition 'fraud': expected COLUMN=VALUE",
        assertThrows(UsageException.class, () -> CategoryCondition.parse("fraud")).getMessage());
  }

  private static String planError(List<CategoryCondition> conditions, List<CategoryRatio> ratios) {
    return assertThrows(UsageException.class, () -> SamplePlan.of(transformer, 1_000, 100, conditions, ratios)).getMessage();
  }

  private static List<String> leftovers(String name) {
    String[] names = dir.resolve("out").toFile().list((d, n) -> n.startsWith("." + name));
    return names == null ? List.of() : List.of(names);
  }

  private static long runsOf(TableName table) {
    if (!spark.catalog().tableExists(SyntheticCatalog.RUNS_DATABASE, SyntheticCatalog.RUNS_TABLE)) {
      return 0L;
    }
    return spark.sql("SELECT count(*) FROM synthforge.synthforge_runs WHERE table_name = '" + table + "'").first().getLong(0);
  }

  /** Test models whose amounts are NaN: every row breaks the schema. */
  private static final class NanAmounts implements ModelFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public io.synthforge.model.GenerativeModel create(ModelSnapshot snapshot, TableTransformer fitted) {
      return new FrequencyModel(fitted, 0) {
        @Override
        public void generate(int rows, io.synthforge.model.GenerationCondition condition, java.util.SplittableRandom random,
            float[] out) {
          super.generate(rows, condition, random, out);
          int amount = layout().spansOf("amount").get(0).offset();
          for (int r = 0; r < rows; r++) {
            out[r * layout().width() + amount] = Float.NaN;
          }
        }
      };
    }
  }
}
