package io.synthforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of the direct writer against the files Spark's own Parquet writer makes of the same rows. */
class ParquetPartWriterTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  private static final TableMetadata TABLE = TableMetadata.of("every_type", List.of(
      ColumnSpec.builder("name", ColumnType.STRING, ColumnRole.CATEGORICAL).nullable(true).build(),
      ColumnSpec.builder("flag", ColumnType.BOOLEAN, ColumnRole.CATEGORICAL).nullable(false).build(),
      ColumnSpec.builder("count", ColumnType.INT, ColumnRole.CONTINUOUS).nullable(true).build(),
      ColumnSpec.builder("total", ColumnType.LONG, ColumnRole.CONTINUOUS).nullable(false).build(),
      ColumnSpec.builder("ratio", ColumnType.FLOAT, ColumnRole.CONTINUOUS).nullable(true).build(),
      ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).nullable(true).build(),
      ColumnSpec.builder("day", ColumnType.DATE, ColumnRole.DATETIME).nullable(true).build(),
      ColumnSpec.builder("at", ColumnType.TIMESTAMP, ColumnRole.DATETIME).nullable(true).build()));

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("ParquetPartWriterTest", dir);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static List<Object[]> rows(int n) {
    String[] names = {"alpha", "beta", "gamma"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean gap = i % 7 == 3;
      rows.add(new Object[] {gap ? null : names[i % 3], i % 2 == 0, gap ? null : i * 3, 1L << 40 | i,
          gap ? null : i / 8f, gap ? null : i * 0.25 - 100, gap ? null : LocalDate.of(1900 + i % 200, 1 + i % 12, 1 + i % 28),
          gap ? null : Instant.ofEpochSecond(1_700_000_000L + i * 3_601L, (i % 1_000) * 1_000L)});
    }
    return rows;
  }

  @Test
  void readsBackAsTheRowsAndSchemaSparksWriterMakes() throws Exception {
    List<Object[]> rows = rows(2_500);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path direct = new org.apache.hadoop.fs.Path(dir.resolve("direct").toUri());
    ParquetPartWriter writer = new ParquetPartWriter(conf, direct, 3, 1_000, TABLE,
        Map.of("org.apache.spark.sql.parquet.row.metadata", SparkSchemas.of(TABLE).json(),
            "org.apache.spark.version", spark.version()));
    try (writer) {
      for (Object[] row : rows) {
        writer.write(row);
      }
    }
    assertEquals(List.of("part-00003-c000.zstd.parquet", "part-00003-c001.zstd.parquet", "part-00003-c002.zstd.parquet"),
        writer.files());
    assertEquals(2_500L, writer.rows());

    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    String viaSpark = dir.resolve("spark").toString();
    spark.createDataFrame(rows.stream().map(RowFactory::create).collect(Collectors.toList()), SparkSchemas.of(TABLE))
        .coalesce(1).write().option("compression", "zstd").parquet(viaSpark);

    assertEquals(schema(Path.of(viaSpark)), schema(dir.resolve("direct")));
    Dataset<Row> expected = spark.read().parquet(viaSpark);
    Dataset<Row> actual = spark.read().parquet(direct.toString());
    assertEquals(expected.schema(), actual.schema());
    assertEquals(sorted(expected), sorted(actual));
    assertEquals(2_500, actual.count());
    long gaps = rows.stream().filter(row -> row[0] == null).count();
    assertEquals(gaps, actual.filter("name IS NULL AND at IS NULL").count());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  private static MessageType schema(Path directory) throws Exception {
    Path file;
    try (Stream<Path> files = Files.list(directory)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }
}
