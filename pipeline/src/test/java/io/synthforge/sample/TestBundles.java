package io.synthforge.sample;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.TableMetadata;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.io.Storage;
import io.synthforge.model.ModelState;
import io.synthforge.provenance.Platform;
import io.synthforge.schema.ModelManifest;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TransformerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Real datasets (through {@link IngestJob}) and model bundles (through {@link ModelBundle#write}) for sample tests. */
public final class TestBundles {
  private TestBundles() {}

  /** Ingests {@code csv} with {@code schemaJson} into {@code dataset} and writes a test-model bundle over it to {@code model}. */
  public static String bundle(SparkSession spark, String csv, String schemaJson, String workDir, String dataset,
      String model) {
    try {
      Path dir = Files.createDirectories(Path.of(workDir));
      Path input = Files.writeString(dir.resolve("input.csv"), csv, StandardCharsets.UTF_8);
      Path schema = Files.writeString(dir.resolve("schema.avsc"), schemaJson, StandardCharsets.UTF_8);
      new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bundleOf(spark, dataset, model);
  }

  /** Writes a bundle of the test family over the ingested dataset at {@code dataset}. */
  public static String bundleOf(SparkSession spark, String dataset, String model) {
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path datasetPath = storage.qualify(dataset);
    String transformerJson = storage.readText(new org.apache.hadoop.fs.Path(datasetPath, "transformer.json"));
    TableMetadata table = TransformerCodec.fromJson(transformerJson).metadata();
    AvroTableSchemas.toAvro(table, "x");
    ModelManifest manifest = ModelManifest.newBuilder()
        .setFormatVersion(ModelBundle.FORMAT_VERSION)
        .setRunId("train-test-0001")
        .setFamily(FrequencyModel.FAMILY)
        .setSpec(Map.of())
        .setTraining(Map.of("epochs", "0"))
        .setDatasetUri(datasetPath.toString())
        .setDatasetFingerprint("test")
        .setTableName(table.name())
        .setSeed(7L)
        .setTrainingRows(1_000L)
        .setValidationRows(0L)
        .setRounds(0)
        .setSteps(0L)
        .setExamplesSeen(0L)
        .setEpochsCompleted(0.0)
        .setStopReason("completed")
        .setBestValidationLoss(null)
        .setFinalLosses(Map.of())
        .setWallTimeMs(0L)
        .setCreatedAt(Instant.now().toString())
        .setVersions(Platform.versions())
        .setPlatform(Map.of())
        .build();
    org.apache.hadoop.fs.Path modelPath = storage.qualify(model);
    ModelBundle.write(storage, modelPath, manifest, table, transformerJson, ModelState.of(new float[1], new float[1], 0),
        java.util.List.of());
    return modelPath.toString();
  }
}
