package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.constraint.ConstraintParser;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.Rule;
import io.synthforge.constraint.Support;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.io.Storage;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.ModelBundle;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.distributed.TrainingMaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling under constraints, from a model trained on the ledger fixture (the test family generates each column
 * independently, so without the constraints its rows would break the ledger's arithmetic and orders).
 */
class ConstrainedSamplingTest {
  @TempDir
  static java.nio.file.Path dir;

  private static SparkSession spark;
  private static Storage storage;
  private static String model;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("ConstrainedSamplingTest", dir.resolve("warehouse"));
    storage = new Storage(spark.sparkContext().hadoopConfiguration());
    java.nio.file.Path schema = Fixtures.write(dir.resolve("ledger.avsc"), Fixtures.LEDGER_SCHEMA);
    java.nio.file.Path input = Fixtures.write(dir.resolve("ledger.csv"), Fixtures.ledgerCsv(1_500, 9));
    String dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
    model = new TrainingMaster(spark).train(TrainingOptions.builder(dataset, "meanfield", dir.resolve("model").toString())
        .workers(2).batchPerWorker(50).averagingFrequency(3).epochs(2).seed(5)
        .constraints(List.of("amount <= before")).build(), TrainingListener.none()).modelUri();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<Row> rows(String name) {
    return spark.read().option("recursiveFileLookup", "true").parquet(dir.resolve("out/" + name).toString())
        .select("id", "kind", "flag", "amount", "before", "after", "fee").collectAsList();
  }

  @Test
  void everyRowKeepsTheArithmeticAndTheOrderAndNoneIsDropped() {
    SampleResult result = new SampleJob(spark).run(SampleRequest.builder(model, 3_000, dir.resolve("out/all").toString())
        .chunkRows(1_000).build());
    assertEquals(3_000, result.rows());
    List<Row> rows = rows("all");
    assertEquals(3_000, rows.size());
    for (Row row : rows) {
      String kind = row.getString(1);
      double amount = row.getDouble(3);
      double before = row.getDouble(4);
      double after = row.getDouble(5);
      double expected = kind.equals("C") ? before + amount : before - amount;
      assertEquals(expected, after, 0.005, "derived after of " + row);
      assertEquals(Math.round(after * 100) / 100.0, after, 1e-9, "after keeps cents: " + row);
      assertTrue(amount <= before, "declared order of " + row);
      assertTrue(after >= 0, "declared min of " + row);
      if (row.getInt(2) == 1) {
        assertEquals(0, row.getInt(6), "fee = 0 when flag is 1: " + row);
      }
    }
    assertTrue(result.rejectedDrawCount() > 0, "independent columns break the order: " + result.rejectedDraws());
    for (String reason : result.rejectedDraws().keySet()) {
      assertTrue(reason.equals("constraint: amount <= before")
          || reason.equals("schema: column 'after' is below the declared min 0.0"), reason);
    }
    assertEquals(Map.of(), result.unresolvedRows());
  }

  @Test
  void redrawsDependOnTheSeedAloneNotOnThePartitions() {
    new SampleJob(spark).run(SampleRequest.builder(model, 2_000, dir.resolve("out/one").toString()).chunkRows(700)
        .partitions(1).build());
    new SampleJob(spark).run(SampleRequest.builder(model, 2_000, dir.resolve("out/three").toString()).chunkRows(700)
        .partitions(3).build());
    assertEquals(sorted(rows("one")), sorted(rows("three")));
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void aConstraintNoRowCanMeetIsReportedAndItsRowsStillWritten() {
    ModelBundle bundle = ModelBundle.load(storage, model);
    ConstraintSet trained = bundle.constraints();
    List<Rule> rules = new ArrayList<>(trained.rules());
    rules.add(Rule.of(ConstraintParser.parse("amount > 1000000", bundle.table()), Rule.Origin.DECLARED, true,
        Support.NONE));
    ConstraintSet impossible = ConstraintSet.compile(trained.schema(), rules,
        ConstraintSet.categories(bundle.transformer()));
    Path copy = storage.qualify(dir.resolve("impossible").toString());
    ModelBundle.write(storage, copy, bundle.manifest(), bundle.table(), bundle.transformerJson(), bundle.state(),
        List.of(), impossible);
    SampleResult result = new SampleJob(spark).run(SampleRequest.builder(copy.toString(), 40,
        dir.resolve("out/impossible").toString()).build());
    assertEquals(40, result.rows());
    assertEquals(40, rows("impossible").size());
    // Each row is reported under the first enforced constraint its kept draw breaks (declared ones come first).
    assertEquals(40L, result.unresolvedRows().values().stream().mapToLong(Long::longValue).sum());
    assertTrue(result.unresolvedRows().get("constraint: amount > 1000000") > 30, result.unresolvedRows().toString());
    assertEquals(40L * ChunkRows.MAX_RESAMPLES, result.rejectedDrawCount(), "every draw of every row was rejected");
  }
}
