package io.synthforge.train;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.ingest.DatasetLayout;
import io.synthforge.io.Storage;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.train.distributed.RowHashPartitioner;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** The ingested dataset a model trains on: its schema, its transformer and its feature rows. */
public final class TrainingSource {
  private final Path root;
  private final DatasetManifest manifest;
  private final TableMetadata table;
  private final String transformerJson;

  private TrainingSource(Path root, DatasetManifest manifest, TableMetadata table, String transformerJson) {
    this.root = root;
    this.manifest = manifest;
    this.table = table;
    this.transformerJson = transformerJson;
  }

  /** Opens the dataset at {@code uri}; a missing or unknown dataset is a usage error. */
  public static TrainingSource open(Storage storage, String uri) {
    Path root = storage.qualify(uri);
    DatasetLayout layout = DatasetLayout.at(root);
    if (!storage.exists(layout.manifest()) && storage.exists(layout.corpusManifest())) {
      throw new UsageException("Cannot train on dataset " + uri + ": it is a corpus of images, audio or text; this "
          + "release trains generative models of tables only (the corpus's rows/ are Parquet for other tools)");
    }
    if (!storage.exists(layout.manifest())) {
      throw new UsageException("Cannot train on dataset " + uri + ": no dataset there (run 'synthforge ingest' first)");
    }
    DatasetManifest manifest = AvroJson.read(storage.readText(layout.manifest()), DatasetManifest.class,
        DatasetManifest.getClassSchema(), layout.manifest().toString());
    if (manifest.getFormatVersion() != DatasetLayout.FORMAT_VERSION) {
      throw new UsageException("Cannot train on dataset " + uri + ": dataset format version " + manifest.getFormatVersion()
          + " is not supported (expected " + DatasetLayout.FORMAT_VERSION + "); ingest it again");
    }
    TableMetadata table = AvroTableSchemas.parse(storage.readText(layout.schema()), layout.schema().toString());
    return new TrainingSource(root, manifest, table, storage.readText(layout.transformer()));
  }

  public Path root() {
    return root;
  }

  public TableMetadata table() {
    return table;
  }

  public String transformerJson() {
    return transformerJson;
  }

  public TableTransformer transformer() {
    return TransformerCodec.fromJson(transformerJson);
  }

  /** The dataset's manifest (provenance, relations found at ingest, column decimals). */
  public DatasetManifest manifest() {
    return manifest;
  }

  /** The typed training rows (the holdout excluded). */
  public org.apache.spark.sql.Dataset<Row> rows(SparkSession spark) {
    return spark.read().parquet(DatasetLayout.at(root).rows().toString());
  }

  /** Identifies the exact data: the ingest's input fingerprint and run. */
  public String fingerprint() {
    return manifest.getInputFingerprint() + "/" + manifest.getRunId();
  }

  /**
   * The compact feature rows split into {@code workers} partitions by a hash of their content and sorted by it:
   * one partition per worker, the same whatever the input splits (see {@link RowHashPartitioner}). Read from
   * the dataset's Parquet on the executors, never collected.
   */
  public JavaRDD<float[]> shards(SparkSession spark, int workers) {
    return shards(spark, workers, null);
  }

  /**
   * As {@link #shards(SparkSession, int)}, keeping only the compact values of the spans at {@code spans} (in that
   * order), for a model whose layout leaves some columns out; null keeps every span.
   */
  public JavaRDD<float[]> shards(SparkSession spark, int workers, int[] spans) {
    String features = DatasetLayout.at(root).features().toString();
    JavaRDD<float[]> rows = spark.read().parquet(features).select(DatasetLayout.FEATURES_COLUMN).toJavaRDD()
        .map(TrainingSource::floats);
    if (spans != null) {
      rows = rows.map(row -> {
        float[] kept = new float[spans.length];
        for (int i = 0; i < spans.length; i++) {
          kept[i] = row[spans[i]];
        }
        return kept;
      });
    }
    return rows
        .mapToPair(row -> new Tuple2<>(RowHashPartitioner.hash(row), row))
        .repartitionAndSortWithinPartitions(new RowHashPartitioner(workers))
        .values();
  }

  private static float[] floats(Row row) {
    List<Object> values = row.getList(0);
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = ((Number) values.get(i)).floatValue();
    }
    return floats;
  }
}
