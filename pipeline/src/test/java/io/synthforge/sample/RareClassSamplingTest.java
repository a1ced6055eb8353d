package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.distributed.TrainingMaster;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label at 0.1% of rows, end to end with a real tvae trained with oversampling: the label's rate, a ratio and a
 * condition come out as asked.
 */
class RareClassSamplingTest {
  private static final int ROWS = 20_000;
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"cards\",\"fields\":["
      + "{\"name\":\"channel\",\"type\":\"string\",\"role\":\"categorical\"},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"role\":\"continuous\"},"
      + "{\"name\":\"fraud\",\"type\":\"int\",\"role\":\"label\",\"domain\":[\"0\",\"1\"]}]}";

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String model;
  private static long realFrauds;

  @BeforeAll
  static void trainOnARareLabel() throws Exception {
    spark = LocalSpark.start("RareClassSamplingTest", dir.resolve("warehouse"));
    StringBuilder csv = new StringBuilder("channel,amount,fraud\n");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < ROWS; i++) {
      // Every 1000th row is fraud: online, large amounts.
      boolean fraud = i % 1000 == 500;
      realFrauds += fraud ? 1 : 0;
      String channel = fraud || random.nextDouble() < 0.3 ? "online" : "store";
      double amount = fraud ? 900 + 50 * random.nextGaussian() : 40 + 10 * random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%s,%.2f,%d%n", channel, amount, fraud ? 1 : 0));
    }
    Path input = Fixtures.write(dir.resolve("cards.csv"), csv.toString());
    Path schema = Fixtures.write(dir.resolve("cards.avsc"), SCHEMA);
    String dataset = dir.resolve("dataset").toString();
    // Relations off: the fixture's fraud rows satisfy mined rules (channel = online, large amounts when fraud) whose
    // resampling would redraw an undertrained model's fraud rows; this test is about label rates alone.
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset)
        .relations(MiningOptions.builder().mode(RelationsMode.OFF).build()).build());
    model = dir.resolve("model").toString();
    new TrainingMaster(spark).train(TrainingOptions.builder(dataset, "tvae", model)
        .workers(2).batchPerWorker(250).averagingFrequency(10).epochs(15).seed(5).validationShare(0)
        .oversampleBelow(0.05).build(), TrainingListener.none());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<Row> sample(String name, SampleRequest.Builder request) {
    new SampleJob(spark).run(request.build());
    return spark.read().option("recursiveFileLookup", "true").parquet(dir.resolve("out/" + name).toString())
        .collectAsList();
  }

  private static SampleRequest.Builder request(String name) {
    return SampleRequest.builder(model, ROWS, dir.resolve("out/" + name).toString()).seed(11);
  }

  private static long frauds(List<Row> rows) {
    return rows.stream().filter(row -> row.getInt(row.fieldIndex("fraud")) == 1).count();
  }

  @Test
  void anUnconditionedSampleKeepsTheRealRateOfTheRareLabel() {
    List<Row> rows = sample("default", request("default"));

    assertEquals(ROWS, rows.size());
    // 0.1% of 20,000: the label is apportioned at its training rate, so the count is the real one.
    assertEquals(realFrauds, frauds(rows));
    // The rare rows are the model's own fraud rows: larger amounts than the rest, as in the real data.
    double fraudAmount = meanAmount(rows, 1);
    double otherAmount = meanAmount(rows, 0);
    assertTrue(fraudAmount > 1.3 * otherAmount, "mean amount of fraud " + fraudAmount + ", of the rest " + otherAmount);
  }

  private static double meanAmount(List<Row> rows, int fraud) {
    return rows.stream().filter(row -> row.getInt(row.fieldIndex("fraud")) == fraud)
        .mapToDouble(row -> row.getDouble(row.fieldIndex("amount"))).average().orElseThrow();
  }

  @Test
  void aRatioHitsThirtyPercentAndAConditionYieldsOnlyThatClass() {
    List<Row> ratio = sample("ratio", request("ratio").ratio(CategoryRatio.parse("fraud=1:0.3")));
    List<Row> only = sample("only", request("only").condition(CategoryCondition.parse("fraud=1")));

    assertEquals(6_000, frauds(ratio));
    assertEquals(ROWS, ratio.size());
    assertEquals(ROWS, frauds(only));
  }

  @Test
  void theGeneratorsOwnRateStaysTheRealOneDespiteOversampling() {
    // Left to the model: tvae's decoder is conditioned on the label and draws it with its training frequency, so
    // oversampling (5 % of every batch) teaches the fraud rows without raising their rate. Real: 0.1 %, 20 rows; four
    // Poisson standard deviations either side of 20 are 2 to 38, while the oversampled rate would give ~1,000.
    List<Row> rows = sample("model", request("model").labelRates(LabelRates.MODEL));

    assertEquals(ROWS, rows.size());
    assertTrue(frauds(rows) >= 2 && frauds(rows) <= 38, "generator's own fraud rows " + frauds(rows) + ", real " + realFrauds);
  }
}
