package io.synthforge.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.io.Storage;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelState;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.LocalTrainer;
import io.synthforge.train.ModelBundle;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingResult;
import io.synthforge.provenance.Seeds;
import io.synthforge.transform.TableTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMasterTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String dataset;

  @BeforeAll
  static void start() throws Exception {
    spark = LocalSpark.start("TrainingMasterTest", dir.resolve("warehouse"));
    Path schema = Fixtures.write(dir.resolve("payments.avsc"), Fixtures.SCHEMA);
    Path input = Fixtures.write(dir.resolve("payments.csv"), Fixtures.goodCsv(600, 21));
    dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static TrainingOptions.Builder options(String out) {
    return TrainingOptions.builder(dataset, "meanfield", dir.resolve(out).toString())
        .workers(2).batchPerWorker(40).averagingFrequency(3).epochs(3).seed(7).checkpointEvery(2);
  }

  private static TrainingResult train(TrainingOptions options) {
    return new TrainingMaster(spark).train(options, TrainingListener.none());
  }

  @Test
  void oneWorkerIsExactlyPlainLocalTraining() {
    TrainingOptions options = options("one-worker").workers(1).build();
    TrainingResult distributed = train(options);

    List<float[]> rows = new ArrayList<>();
    for (Row row : spark.read().parquet(dataset + "/features").collectAsList()) {
      List<Object> values = row.getList(0);
      float[] compact = new float[values.size()];
      for (int i = 0; i < compact.length; i++) {
        compact[i] = ((Number) values.get(i)).floatValue();
      }
      rows.add(compact);
    }
    ModelFamily family = ModelFamilies.named("meanfield");
    TableTransformer transformer = ModelBundle.load(new Storage(spark.sparkContext().hadoopConfiguration()),
        distributed.modelUri()).transformer();
    long initSeed = Seeds.derive(options.seed(), TrainingMaster.INIT_STREAM, 0);
    GenerativeModel model = family.create(family.spec(Map.of()), transformer, initSeed);
    ModelState local = LocalTrainer.train(model, rows, options, distributed.manifest().getRounds(), initSeed);

    assertEquals(local.steps(), distributed.state().steps());
    assertArrayEquals(local.parameters(), distributed.state().parameters());
    assertArrayEquals(local.updaterState(), distributed.state().updaterState());
  }

  @Test
  void theSameSeedGivesIdenticalParameters() {
    TrainingResult first = train(options("seed-a").build());
    TrainingResult second = train(options("seed-b").build());
    assertEquals(first.state(), second.state());
    TrainingResult other = train(options("seed-c").seed(8).build());
    assertTrue(!first.state().equals(other.state()), "another seed trains another model");
  }

  @Test
  void resumingAfterACrashReachesTheUninterruptedParameters() {
    TrainingResult uninterrupted = train(options("straight").build());

    TrainingOptions options = options("crashed").build();
    RuntimeException crash = assertThrows(RuntimeException.class, () -> new TrainingMaster(spark).train(options, round -> {
      if (round.getRound() == 3) {
        throw new IllegalStateException("simulated crash after round 3");
      }
    }));
    assertEquals("simulated crash after round 3", crash.getMessage());
    assertTrue(Files.exists(dir.resolve("crashed/checkpoints/round-000002/progress.json")));

    TrainingResult resumed = new TrainingMaster(spark).train(options.toBuilder().resume(true).build(), TrainingListener.none());
    assertEquals(2, resumed.resumedFromRound());
    assertEquals(uninterrupted.state(), resumed.state());
    assertEquals(uninterrupted.manifest().getRounds(), resumed.manifest().getRounds());
  }

  @Test
  void trainingLowersTheLossAndSamplesFollowTheMarginals() {
    TrainingResult result = train(options("marginals").epochs(6).build());
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    ModelBundle bundle = ModelBundle.load(storage, result.modelUri());
    List<Map<String, Object>> log = bundle.trainingLog(storage);
    double first = ((Number) ((Map<?, ?>) log.get(0).get("losses")).get("loss")).doubleValue();
    double last = ((Number) ((Map<?, ?>) log.get(log.size() - 1).get("losses")).get("loss")).doubleValue();
    assertTrue(last < 0.9 * first, "loss fell from " + first + " to " + last);

    // The fixture draws kind A with p 0.6, B with 0.4 * 0.7 = 0.28, C with 0.12. With 4,000 samples the
    // binomial standard error is under 0.008; 0.05 leaves room for the fit's own error after a few epochs.
    GenerativeModel model = bundle.instantiate();
    TableTransformer transformer = bundle.transformer();
    int rows = 4000;
    float[] dense = new float[rows * transformer.layout().width()];
    model.generate(rows, null, new SplittableRandom(1), dense);
    Object[][] decoded = transformer.decodeRows(dense, rows);
    Map<Object, Integer> counts = new java.util.HashMap<>();
    for (Object[] row : decoded) {
      counts.merge(row[2], 1, Integer::sum);
    }
    assertEquals(0.60, counts.getOrDefault("A", 0) / (double) rows, 0.05);
    assertEquals(0.28, counts.getOrDefault("B", 0) / (double) rows, 0.05);
    assertEquals(0.12, counts.getOrDefault("C", 0) / (double) rows, 0.05);
  }

  @Test
  void refusesToClobberAModelAndResumingWithOtherOptions() {
    train(options("occupied").build());
    UsageException clobber = assertThrows(UsageException.class, () -> train(options("occupied").build()));
    assertTrue(clobber.getMessage().endsWith("it already holds a model (pass --resume to continue it or --overwrite to replace it)"),
        clobber.getMessage());
    UsageException other = assertThrows(UsageException.class,
        () -> train(options("occupied").batchPerWorker(20).resume(true).build()));
    assertTrue(other.getMessage().contains("its checkpoints were made with other options or data"), other.getMessage());
  }

  @Test
  void loadingRefusesAnUnknownBundleVersion() throws Exception {
    TrainingResult result = train(options("versioned").epochs(1).build());
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(result.modelUri(), "manifest.json");
    storage.writeText(manifest, storage.readText(manifest)
        .replace("\"format_version\" : " + ModelBundle.FORMAT_VERSION, "\"format_version\" : 99"));
    UsageException error = assertThrows(UsageException.class, () -> ModelBundle.load(storage, result.modelUri()));
    assertTrue(error.getMessage().endsWith("bundle format version 99 is not supported (expected 1 to 2)"), error.getMessage());
  }
}
