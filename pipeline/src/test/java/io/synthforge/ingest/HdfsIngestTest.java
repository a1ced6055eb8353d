package io.synthforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.ingest.corpus.CorpusFixtures;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest from and into real HDFS: an in-process MiniDFSCluster (namenode + datanode) on loopback. */
class HdfsIngestTest {
  @TempDir
  static Path dir;

  private static MiniDFSCluster cluster;
  private static SparkSession spark;
  private static String hdfs;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = "hdfs://localhost:" + cluster.getNameNodePort();
    spark = LocalSpark.start("HdfsIngestTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private static void put(FileSystem fs, String path, byte[] bytes) throws Exception {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
      out.write(bytes);
    }
  }

  @Test
  void ingestsFromHdfsIntoHdfs() throws Exception {
    FileSystem fs = cluster.getFileSystem();
    put(fs, "/landing/payments/part-0.csv", Fixtures.brokenCsv(150, 11));
    put(fs, "/schemas/payments.avsc", Fixtures.SCHEMA.getBytes(StandardCharsets.UTF_8));

    IngestResult result = new IngestJob(spark).run(IngestRequest.builder(hdfs + "/landing/payments")
        .schema(hdfs + "/schemas/payments.avsc").dataset(hdfs + "/datasets/payments").build());

    assertEquals(150 + Fixtures.BROKEN_LINES, result.read());
    assertEquals(150, result.accepted());
    assertTrue(result.dataset().startsWith(hdfs + "/datasets/payments"), result.dataset());
    assertEquals(150L, spark.read().parquet(hdfs + "/datasets/payments/rows").count());
    assertEquals((long) Fixtures.BROKEN_LINES, spark.read().parquet(hdfs + "/datasets/payments/quarantine").count());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/datasets/payments/transformer.json")));

    String manifestJson;
    try (var in = fs.open(new org.apache.hadoop.fs.Path("/datasets/payments/manifest.json"))) {
      manifestJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    DatasetManifest manifest = AvroJson.read(manifestJson, DatasetManifest.class, DatasetManifest.getClassSchema(), "manifest");
    // HDFS offers file checksums, so the fingerprint notices a rewritten file even with the same size.
    assertNotNull(manifest.getInputs().get(0).getChecksum());
    assertEquals(0, fs.listStatus(new org.apache.hadoop.fs.Path("/datasets")).length - 1, "no staging left behind");
  }

  @Test
  void ingestsACorpusFromHdfsIntoHdfs() throws Exception {
    FileSystem fs = cluster.getFileSystem();
    put(fs, "/landing/idx/train-images-idx3-ubyte.gz", CorpusFixtures.gzip(CorpusFixtures.idxImages(40, 3, 3)));
    put(fs, "/landing/idx/train-labels-idx1-ubyte.gz", CorpusFixtures.gzip(CorpusFixtures.idxLabels(new int[40])));
    put(fs, "/landing/idx/broken-images-idx3-ubyte", "not idx".getBytes(StandardCharsets.UTF_8));

    IngestResult result = new IngestJob(spark).run(IngestRequest.builder(hdfs + "/landing/idx")
        .dataset(hdfs + "/corpora/idx").build());

    assertEquals(41, result.read());
    assertEquals(40, result.accepted());
    assertEquals(40L, spark.read().parquet(hdfs + "/corpora/idx/rows").filter("label = '0'").count());
    assertEquals(1L, spark.read().parquet(hdfs + "/corpora/idx/quarantine").count());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/corpora/idx/corpus.json")));
    assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/corpora")).length, "no staging left behind");
  }
}
