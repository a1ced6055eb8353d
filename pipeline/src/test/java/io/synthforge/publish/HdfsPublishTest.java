package io.synthforge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.sample.CategoryRatio;
import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.sample.TestBundles;
import io.synthforge.sample.TestModels;
import io.synthforge.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample into real HDFS (an in-process MiniDFSCluster), register in the Hive catalog, query with SQL. */
class HdfsPublishTest {
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
    spark = CatalogSpark.start("HdfsPublishTest", dir);
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

  @Test
  void samplesToHdfsRegistersAndAnswersSql() throws Exception {
    // The dataset and the model live on HDFS too, as on a cluster.
    String model = TestBundles.bundle(spark, Fixtures.goodCsv(1_000, 3), Fixtures.SCHEMA, dir.resolve("input").toString(),
        hdfs + "/datasets/payments", hdfs + "/models/payments");
    new SampleJob(spark, TestModels.frequencies(0)).run(SampleRequest.builder(model, 25_000, hdfs + "/published/payments")
        .table(TableName.parse("synth.payments")).ratio(CategoryRatio.parse("fraud=1:0.2")).chunkRows(5_000).build());

    assertEquals(25_000L, SqlQueries.run(spark, "SELECT count(*) FROM synth.payments").first().getLong(0));
    assertEquals(5_000L, SqlQueries.run(spark, "SELECT count(*) FROM synth.payments WHERE fraud = 1").first().getLong(0));
    SyntheticCatalog catalog = SyntheticCatalog.of(spark);
    assertEquals(hdfs + "/published/payments", catalog.location(TableName.parse("synth.payments")).orElseThrow());
    assertEquals("fraud=1:0.2", catalog.properties(TableName.parse("synth.payments")).get("synthforge.conditions"));

    List<Row> runs = SqlQueries.run(spark, "SELECT table_name, location, rows, status FROM synthforge.synthforge_runs")
        .collectAsList();
    assertEquals(1, runs.size());
    assertEquals("synth.payments", runs.get(0).getString(0));
    assertEquals(hdfs + "/published/payments", runs.get(0).getString(1));
    assertEquals(25_000L, runs.get(0).getLong(2));
    assertEquals("committed", runs.get(0).getString(3));

    FileSystem fs = cluster.getFileSystem();
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/published/payments/" + TableOutput.SCHEMA_FILE)));
    assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/published")).length, "no staging left behind");
    // The tasks wrote their Parquet files on HDFS themselves; only the committed attempts' files remain.
    org.apache.hadoop.fs.FileStatus[] runDirs = fs.globStatus(new org.apache.hadoop.fs.Path("/published/payments/run-*"));
    assertEquals(1, runDirs.length);
    List<String> files = java.util.Arrays.stream(fs.listStatus(runDirs[0].getPath()))
        .map(status -> status.getPath().getName()).sorted().collect(java.util.stream.Collectors.toList());
    assertEquals(List.of("part-00000-c000.zstd.parquet", "part-00001-c000.zstd.parquet"), files);
  }
}
