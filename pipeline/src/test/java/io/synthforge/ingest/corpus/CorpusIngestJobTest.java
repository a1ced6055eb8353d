package io.synthforge.ingest.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.ingest.IngestResult;
import io.synthforge.ingest.SourceFormat;
import io.synthforge.io.AvroSparkTypes;
import io.synthforge.io.Storage;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.CorpusManifest;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.TrainingSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus ingest on Spark {@code local[2]}, end to end through {@link IngestJob}, on files the JDK wrote. */
class CorpusIngestJobTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("CorpusIngestJobTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void imageFoldersBecomeLabelledRecordsAndUndecodableFilesAreQuarantined() throws Exception {
    Path input = dir.resolve("shapes");
    for (int i = 0; i < 6; i++) {
      CorpusFixtures.write(input.resolve("circle/c" + i + ".png"), CorpusFixtures.greyPng(4 + i, 4));
      CorpusFixtures.write(input.resolve("square/s" + i + ".png"), CorpusFixtures.greyPng(3, 3 + i));
    }
    CorpusFixtures.write(input.resolve("square/notes.png"), "not a picture".getBytes(StandardCharsets.UTF_8));
    Path dataset = dir.resolve("datasets/shapes");
    IngestRequest request = IngestRequest.builder(input.toString()).format(SourceFormat.IMAGES).dataset(dataset.toString())
        .corpus(CorpusOptions.of("file", "8x8")).holdoutShare(0.25).build();
    IngestResult result = new IngestJob(spark).run(request);

    assertEquals(13, result.read());
    assertEquals(12, result.accepted());
    assertEquals(1, result.quarantined());
    assertEquals(Map.of("UNDECODABLE", 1L), result.quarantinedByReason());
    Dataset<Row> rows = spark.read().parquet(dataset.resolve("rows").toString());
    Dataset<Row> holdout = spark.read().parquet(dataset.resolve("holdout").toString());
    assertEquals(12, rows.count() + holdout.count());
    assertTrue(holdout.count() > 0 && rows.count() > 0, "both sides of the split hold images");
    // The Parquet files are typed by the Avro record in schemas/corpora/.
    assertEquals(AvroSparkTypes.struct(CorpusIngestJob.recordSchema("schemas/corpora/image_record.avsc")).fieldNames().length,
        rows.schema().fieldNames().length);
    assertArrayEquals(new String[] {"source_file", "item", "label", "width", "height", "channels", "pixels"},
        rows.schema().fieldNames());
    Map<String, Long> byLabel = new TreeMap<>();
    for (Row row : rows.union(holdout).collectAsList()) {
      byLabel.merge(row.getAs("label"), 1L, Long::sum);
      assertEquals(8, (int) row.getAs("width"));
      assertEquals(64, row.getList(row.fieldIndex("pixels")).size());
    }
    assertEquals(Map.of("circle", 6L, "square", 6L), byLabel);
    Row quarantined = spark.read().parquet(dataset.resolve("quarantine").toString()).first();
    assertTrue(quarantined.<String>getAs("source_file").endsWith("square/notes.png"));
    assertTrue(quarantined.<String>getAs("reason").startsWith("Cannot decode notes.png as an image"));

    CorpusManifest manifest = AvroJson.read(Files.readString(dataset.resolve("corpus.json")), CorpusManifest.class,
        CorpusManifest.getClassSchema(), "corpus.json");
    assertEquals(13L, manifest.getRecordsRead());
    assertEquals(holdout.count(), manifest.getRecordsHoldout());
    assertEquals("io.synthforge.schema.corpora.ImageRecord", manifest.getRecordSchema());
    assertEquals("8x8", manifest.getOptions().get("image-size"));

    // A rerun with the same input and options rewrites nothing; other options need --overwrite.
    assertTrue(new IngestJob(spark).run(request).upToDate());
    IngestRequest other = IngestRequest.builder(input.toString()).format(SourceFormat.IMAGES).dataset(dataset.toString()).build();
    assertThrows(UsageException.class, () -> new IngestJob(spark).run(other));
    // train refuses a corpus with one line, not a missing-file error.
    UsageException refused = assertThrows(UsageException.class,
        () -> TrainingSource.open(new Storage(spark.sparkContext().hadoopConfiguration()), dataset.toString()));
    assertTrue(refused.getMessage().contains("is a corpus"), refused.getMessage());
  }

  @Test
  void idxWithLabelsAudioAndTextCorporaAccountForEveryRecord() throws Exception {
    Path idx = dir.resolve("mnist");
    CorpusFixtures.write(idx.resolve("train-images-idx3-ubyte.gz"), CorpusFixtures.gzip(CorpusFixtures.idxImages(5, 2, 2)));
    CorpusFixtures.write(idx.resolve("train-labels-idx1-ubyte.gz"), CorpusFixtures.gzip(CorpusFixtures.idxLabels(1, 2, 3, 4, 5)));
    CorpusFixtures.write(idx.resolve("t10k-images-idx3-ubyte.gz"), CorpusFixtures.gzip(CorpusFixtures.idxImages(2, 2, 2)));
    IngestResult images = new IngestJob(spark).run(IngestRequest.builder(idx.toString())
        .dataset(dir.resolve("datasets/mnist").toString()).build());
    assertEquals(7, images.accepted());
    List<Row> labelled = spark.read().parquet(dir.resolve("datasets/mnist/rows").toString())
        .filter("label is not null").orderBy("item").collectAsList();
    assertEquals(List.of("1", "2", "3", "4", "5"), labelled.stream().map(row -> row.<String>getAs("label")).toList());

    Path audio = dir.resolve("speech");
    CorpusFixtures.write(audio.resolve("a.wav"), CorpusFixtures.sineWav(16000, 1, 500, 0.4, 0.3));
    CorpusFixtures.write(audio.resolve("b.wav"), CorpusFixtures.sineWav(8000, 2, 250, 0.2, 0.1));
    CorpusFixtures.write(audio.resolve("c.wav"), "RIFF....WAVEfmt garbage".getBytes(StandardCharsets.UTF_8));
    IngestResult sounds = new IngestJob(spark).run(IngestRequest.builder(audio.toString())
        .dataset(dir.resolve("datasets/speech").toString()).maxBadRatio(0.5).build());
    assertEquals(3, sounds.read());
    assertEquals(2, sounds.accepted());
    Row a = spark.read().parquet(dir.resolve("datasets/speech/rows").toString()).filter("sample_rate = 16000").first();
    assertEquals(4800, a.getList(a.fieldIndex("samples")).size());
    assertEquals(0.4, a.<Float>getAs("peak"), 1e-3);

    Path text = dir.resolve("fortunes");
    CorpusFixtures.write(text.resolve("wisdom"), "A penny saved.\n%\nIs a penny.\n%\n\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    IngestResult docs = new IngestJob(spark).run(IngestRequest.builder(text.toString()).format(SourceFormat.TEXT)
        .corpus(CorpusOptions.of("percent", null)).dataset(dir.resolve("datasets/fortunes").toString()).maxBadRatio(0.5).build());
    assertEquals(3, docs.read());
    assertEquals(Map.of("BAD_ENCODING", 1L), docs.quarantinedByReason());
    Row quarantined = spark.read().parquet(dir.resolve("datasets/fortunes/quarantine").toString()).first();
    assertEquals(5L, (long) quarantined.<Long>getAs("line_number"));
    assertEquals(31L, (long) quarantined.<Long>getAs("byte_offset"));
  }

  @Test
  void tooManyUndecodableFilesFailTheJobAndWriteNothing() throws Exception {
    Path input = dir.resolve("mostly-junk");
    CorpusFixtures.write(input.resolve("ok.png"), CorpusFixtures.greyPng(2, 2));
    CorpusFixtures.write(input.resolve("bad1.png"), new byte[] {1, 2, 3});
    CorpusFixtures.write(input.resolve("bad2.png"), new byte[] {4, 5, 6});
    Path dataset = dir.resolve("datasets/junk");
    JobFailedException failed = assertThrows(JobFailedException.class, () -> new IngestJob(spark).run(
        IngestRequest.builder(input.toString()).format(SourceFormat.IMAGES).dataset(dataset.toString()).build()));
    assertTrue(failed.getMessage().contains("2 of 3 records"), failed.getMessage());
    assertFalse(Files.exists(dataset));
    UsageException schema = assertThrows(UsageException.class, () -> new IngestJob(spark).run(
        IngestRequest.builder(input.toString()).format(SourceFormat.IMAGES).schema("x.avsc").dataset(dataset.toString()).build()));
    assertTrue(schema.getMessage().contains("--schema"), schema.getMessage());
  }
}
