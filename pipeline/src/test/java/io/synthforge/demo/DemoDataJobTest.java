package io.synthforge.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataJobTest {
  private static final long ROWS = 120_000;
  private static final long SEED = 2026L;

  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("DemoDataJobTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static long localFraud(long rows) {
    long fraud = 0;
    Iterator<Transaction> log = TransactionLogSimulator.of(SEED).log(rows);
    while (log.hasNext()) {
      fraud += log.next().fraud() ? 1 : 0;
    }
    return fraud;
  }

  @Test
  void writesCsvWithHeaderThatReadsBackWithEveryRow() throws IOException {
    String out = tmp.resolve("transactions").toString();
    DemoDataResult result = new DemoDataJob().run(spark,
        DemoDataRequest.builder(ROWS, out).seed(SEED).partitions(2).build());

    assertEquals(ROWS, result.rows());
    assertEquals(localFraud(ROWS), result.fraudRows());
    assertEquals(2, result.files().size());
    assertTrue(result.output().startsWith("file:"), result.output());
    Dataset<Row> csv = spark.read().option("header", "true").csv(out);
    assertEquals(ROWS, csv.count());
    assertArrayEquals(Transaction.header().toArray(new String[0]), csv.columns());
    try (BufferedReader reader = Files.newBufferedReader(Path.of(java.net.URI.create(result.files().get(0))),
        StandardCharsets.UTF_8)) {
      assertEquals(String.join(",", Transaction.header()), reader.readLine());
      assertEquals(13, reader.readLine().split(",", -1).length);
    }
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(List.of(tmp.resolve("transactions")), siblings.toList(), "no staging directory is left behind");
    }
  }

  @Test
  void theSameRequestWritesTheSameFilesNamesIncluded() throws IOException {
    // Ingest's holdout split hashes file names: regenerated rows must keep their names to keep their split.
    List<Path> first = files(new DemoDataJob().run(spark,
        DemoDataRequest.builder(3_000, tmp.resolve("a").toString()).seed(SEED).partitions(2).build()));
    List<Path> second = files(new DemoDataJob().run(spark,
        DemoDataRequest.builder(3_000, tmp.resolve("b").toString()).seed(SEED).partitions(2).build()));
    assertEquals(List.of("part-00000-c000.csv"), first.stream().map(file -> file.getFileName().toString()).toList());
    assertEquals(first.stream().map(Path::getFileName).toList(), second.stream().map(Path::getFileName).toList());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)), first.get(i).toString());
    }
  }

  private static List<Path> files(DemoDataResult result) {
    return result.files().stream().map(file -> Path.of(java.net.URI.create(file))).toList();
  }

  @Test
  void parquetIsTypedAndHoldsTheSameRowsWhateverThePartitions() {
    String csvOut = tmp.resolve("csv").toString();
    String parquetOut = tmp.resolve("parquet").toString();
    new DemoDataJob().run(spark, DemoDataRequest.builder(ROWS, csvOut).seed(SEED).partitions(1).build());
    DemoDataResult parquet = new DemoDataJob().run(spark,
        DemoDataRequest.builder(ROWS, parquetOut).seed(SEED).format(DemoDataFormat.PARQUET).partitions(3).build());

    assertEquals(3, parquet.files().size());
    Dataset<Row> typed = spark.read().parquet(parquetOut);
    assertEquals(DataTypes.TimestampType, typed.schema().apply("timestamp").dataType());
    assertEquals(DataTypes.DoubleType, typed.schema().apply("amount").dataType());
    assertEquals(DataTypes.IntegerType, typed.schema().apply("is_fraud").dataType());
    Dataset<Row> fromParquet = typed.selectExpr("transaction_id", "amount", "newbalance_orig", "is_fraud",
        "unix_seconds(timestamp) AS seconds");
    Dataset<Row> fromCsv = spark.read().option("header", "true").csv(csvOut).selectExpr("transaction_id",
        "CAST(amount AS DOUBLE) AS amount", "CAST(newbalance_orig AS DOUBLE) AS newbalance_orig",
        "CAST(is_fraud AS INT) AS is_fraud", "unix_seconds(to_timestamp(timestamp)) AS seconds");
    assertEquals(0L, fromParquet.except(fromCsv).count());
    assertEquals(ROWS, fromParquet.count());
  }

  @Test
  void refusesToReplaceAnExistingOutputUnlessAskedTo() throws IOException {
    Path existing = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(existing.resolve("keep.txt"), "old");
    DemoDataRequest request = DemoDataRequest.builder(1_000, existing.toString()).seed(SEED).build();

    UsageException e = assertThrows(UsageException.class, () -> new DemoDataJob().run(spark, request));
    assertEquals("Cannot write demo data to " + existing + ": it exists (pass --overwrite)", e.getMessage());
    assertTrue(Files.exists(existing.resolve("keep.txt")));

    DemoDataResult result = new DemoDataJob().run(spark,
        DemoDataRequest.builder(1_000, existing.toString()).seed(SEED).overwrite(true).build());
    assertEquals(1_000, result.rows());
    assertTrue(Files.notExists(existing.resolve("keep.txt")));
    assertEquals(1_000, spark.read().option("header", "true").csv(existing.toString()).count());
  }
}
