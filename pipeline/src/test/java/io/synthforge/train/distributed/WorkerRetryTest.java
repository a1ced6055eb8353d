package io.synthforge.train.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.testing.Fixtures;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingResult;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that throws is retried by Spark (spark.task.maxFailures) and the round still completes. */
class WorkerRetryTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String dataset;

  @BeforeAll
  static void start() throws Exception {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    // local[2,4]: two threads, and a failed task is retried up to 4 times (plain local mode never retries).
    spark = SparkSession.builder().appName("WorkerRetryTest").master("local[2,4]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toUri().toString())
        .getOrCreate();
    Path schema = Fixtures.write(dir.resolve("payments.avsc"), Fixtures.SCHEMA);
    Path input = Fixtures.write(dir.resolve("payments.csv"), Fixtures.goodCsv(300, 5));
    dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aFailedWorkerIsRetriedAndTheRunEndsWhereAnUndisturbedOneDoes() {
    TrainingOptions.Builder options = TrainingOptions.builder(dataset, "meanfield", dir.resolve("calm").toString())
        .workers(2).batchPerWorker(30).averagingFrequency(2).epochs(2).seed(3);
    TrainingResult calm = new TrainingMaster(spark).train(options.build(), TrainingListener.none());

    spark.sparkContext().conf().set(TrainingMaster.INJECT_FAILURE, "2");
    try {
      TrainingResult disturbed = new TrainingMaster(spark).train(
          TrainingOptions.builder(dataset, "meanfield", dir.resolve("disturbed").toString())
              .workers(2).batchPerWorker(30).averagingFrequency(2).epochs(2).seed(3).build(),
          TrainingListener.none());
      assertEquals(calm.manifest().getRounds(), disturbed.manifest().getRounds());
      assertEquals(calm.state(), disturbed.state());
    } finally {
      spark.sparkContext().conf().remove(TrainingMaster.INJECT_FAILURE);
    }
  }
}
