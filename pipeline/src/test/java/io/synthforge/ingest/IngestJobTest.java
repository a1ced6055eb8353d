package io.synthforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnType;
import io.synthforge.api.InputNotFoundException;
import io.synthforge.api.JobFailedException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("IngestJobTest", dir.resolve("warehouse"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Path schemaFile() throws Exception {
    Path schema = dir.resolve("payments.avsc");
    if (!Files.exists(schema)) {
      Fixtures.write(schema, Fixtures.SCHEMA);
    }
    return schema;
  }

  @Test
  void quarantinesEveryBrokenLineWithItsReasonAndAccountsForAllRecords() throws Exception {
    Path input = Fixtures.write(dir.resolve("broken/payments.csv"), Fixtures.brokenCsv(300, 1));
    Path dataset = dir.resolve("datasets/broken");
    IngestResult result = new IngestJob(spark).run(IngestRequest.builder(input.toString())
        .schema(schemaFile().toString()).dataset(dataset.toString()).build());

    assertEquals(300 + Fixtures.BROKEN_LINES, result.read());
    assertEquals(300, result.accepted());
    assertEquals(Fixtures.BROKEN_LINES, result.quarantined());
    assertEquals(result.read(), result.accepted() + result.quarantined());

    Map<String, Row> quarantined = new HashMap<>();
    for (Row row : spark.read().parquet(dataset.resolve("quarantine").toString()).collectAsList()) {
      quarantined.put(row.<String>getAs("raw").substring(0, 6), row);
    }
    assertEquals(Fixtures.BROKEN_LINES, quarantined.size());
    assertReason(quarantined, "X00001", "BAD_TYPE", "column 'age': cannot read 'abc' as int");
    assertReason(quarantined, "X00002", "WRONG_FIELD_COUNT", "expected 5 fields, found 3");
    assertReason(quarantined, "X00003", "MALFORMED_LINE", "unterminated quoted field starting at character 11");
    assertReason(quarantined, "X00004", "BAD_ENCODING", "bytes not valid UTF-8 at byte 12 of the line");
    assertReason(quarantined, "X00005", "MISSING_REQUIRED", "column 'age': missing value in a required column");
    assertReason(quarantined, "X00006", "OUT_OF_DOMAIN", "column 'kind': value 'Z' is not in the declared domain [A, B, C]");
    assertReason(quarantined, "X00007", "OUT_OF_RANGE", "column 'age': -5 is below the declared min 0.0");
    Row ragged = quarantined.get("X00002");
    assertTrue(ragged.<String>getAs("source_file").endsWith("broken/payments.csv"));
    assertEquals(303L, (long) ragged.<Long>getAs("line_number"));

    DatasetManifest manifest = manifest(dataset);
    assertEquals(307L, manifest.getRowsRead());
    assertEquals(300L, manifest.getRowsAccepted());
    assertEquals(1L, (long) manifest.getQuarantinedByReason().get("BAD_ENCODING"));
    assertEquals(300L, spark.read().parquet(dataset.resolve("rows").toString()).count());
    assertEquals(300L, spark.read().parquet(dataset.resolve("features").toString()).count());
  }

  private static void assertReason(Map<String, Row> quarantined, String key, String code, String reason) {
    Row row = quarantined.get(key);
    assertEquals(code, row.getAs("reason_code"), key);
    assertEquals(reason, row.getAs("reason"), key);
  }

  @Test
  void roundTripsTheRowsThroughTheSavedTransformer() throws Exception {
    Path input = Fixtures.write(dir.resolve("good/payments.csv"), Fixtures.goodCsv(500, 2));
    Path dataset = dir.resolve("datasets/good");
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schemaFile().toString())
        .dataset(dataset.toString()).build());

    TableTransformer transformer = TransformerCodec.fromJson(Files.readString(dataset.resolve("transformer.json")));
    TableMetadata table = AvroTableSchemas.parse(Files.readString(dataset.resolve("schema.avsc")), "schema.avsc");
    List<Row> rows = spark.read().parquet(dataset.resolve("rows").toString()).collectAsList();
    assertEquals(500, rows.size());
    for (Row row : rows) {
      Object[] values = new Object[table.columns().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      Object[] restored = transformer.decode(transformer.encode(values));
      assertEquals(values[2], restored[2], "kind");
      assertEquals(values[4], restored[4], "fraud");
      assertEquals((Integer) values[1], (Integer) restored[1], "age is an integer column and restores exactly");
      assertEquals((Double) values[3], (Double) restored[3], 0.01, "amount");
    }
  }

  @Test
  void infersTypesAndRolesWithoutASchema() throws Exception {
    Path input = Fixtures.write(dir.resolve("infer/payments.csv"), Fixtures.goodCsv(400, 3));
    Path schemaOut = dir.resolve("infer/inferred.avsc");
    IngestResult result = new IngestJob(spark).run(IngestRequest.builder(input.toString())
        .inferSchemaOut(schemaOut.toString()).labels(java.util.Set.of("fraud")).build());
    assertEquals(null, result.dataset());

    TableMetadata table = AvroTableSchemas.parse(Files.readString(schemaOut), "inferred.avsc");
    assertEquals(List.of("id", "age", "kind", "amount", "fraud"), table.columnNames());
    assertEquals(ColumnRole.IDENTIFIER, table.column("id").orElseThrow().role());
    assertEquals("P#####", table.column("id").orElseThrow().format().orElseThrow());
    assertEquals(ColumnType.INT, table.column("age").orElseThrow().type());
    assertEquals(ColumnRole.CONTINUOUS, table.column("age").orElseThrow().role());
    assertEquals(ColumnRole.CATEGORICAL, table.column("kind").orElseThrow().role());
    assertEquals(ColumnType.DOUBLE, table.column("amount").orElseThrow().type());
    assertEquals(ColumnRole.LABEL, table.column("fraud").orElseThrow().role());
  }

  @Test
  void skipsAnUpToDateDatasetAndRefusesToClobberOtherData() throws Exception {
    Path input = Fixtures.write(dir.resolve("rerun/payments.csv"), Fixtures.goodCsv(200, 4));
    Path dataset = dir.resolve("datasets/rerun");
    IngestRequest request = IngestRequest.builder(input.toString()).schema(schemaFile().toString())
        .dataset(dataset.toString()).build();
    IngestResult first = new IngestJob(spark).run(request);
    assertFalse(first.upToDate());
    String firstRun = manifest(dataset).getRunId();

    IngestResult second = new IngestJob(spark).run(request);
    assertTrue(second.upToDate());
    assertEquals(200, second.accepted());
    assertEquals(firstRun, manifest(dataset).getRunId());

    Fixtures.write(input, Fixtures.goodCsv(250, 5));
    UsageException refused = assertThrows(UsageException.class, () -> new IngestJob(spark).run(request));
    assertTrue(refused.getMessage().startsWith("Cannot write dataset "), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("it exists and holds other input (pass --overwrite to replace it)"));

    IngestResult replaced = new IngestJob(spark).run(IngestRequest.builder(input.toString())
        .schema(schemaFile().toString()).dataset(dataset.toString()).overwrite(true).build());
    assertEquals(250, replaced.accepted());
    assertEquals(250L, spark.read().parquet(dataset.resolve("rows").toString()).count());
  }

  @Test
  void failsAboveTheBadRatioAndLeavesNoDataset() throws Exception {
    Path input = Fixtures.write(dir.resolve("mostlybad/payments.csv"), Fixtures.brokenCsv(20, 6));
    Path dataset = dir.resolve("datasets/mostlybad");
    JobFailedException error = assertThrows(JobFailedException.class, () -> new IngestJob(spark).run(
        IngestRequest.builder(input.toString()).schema(schemaFile().toString()).dataset(dataset.toString())
            .maxBadRatio(0.1).build()));
    assertTrue(error.getMessage().contains("7 of 27 records (25.9%) are malformed, above --max-bad-ratio 0.1"),
        error.getMessage());
    assertFalse(Files.exists(dataset));
    try (var siblings = Files.list(dataset.getParent())) {
      assertTrue(siblings.noneMatch(path -> path.getFileName().toString().contains("mostlybad")));
    }
  }

  @Test
  void readsJsonLinesAndParquetThroughTheSameChecks() throws Exception {
    Path json = Fixtures.write(dir.resolve("json/payments.jsonl"),
        "{\"id\":\"P00001\",\"age\":30,\"kind\":\"A\",\"amount\":12.5,\"fraud\":0}\n"
            + "{\"id\":\"P00002\",\"age\":\"old\",\"kind\":\"B\",\"amount\":1.0,\"fraud\":0}\n"
            + "not json at all\n"
            + "{\"id\":\"P00003\",\"age\":41,\"kind\":\"C\",\"amount\":99.0,\"fraud\":1}\n");
    IngestResult fromJson = new IngestJob(spark).run(IngestRequest.builder(json.toString())
        .schema(schemaFile().toString()).dataset(dir.resolve("datasets/json").toString()).maxBadRatio(0.6).build());
    assertEquals(4, fromJson.read());
    assertEquals(2, fromJson.accepted());
    assertEquals(Map.of("BAD_TYPE", 1L, "MALFORMED_LINE", 1L), fromJson.quarantinedByReason());

    Path parquet = dir.resolve("parquet-in");
    spark.read().parquet(dir.resolve("datasets/json/rows").toString()).write().parquet(parquet.toString());
    IngestResult fromParquet = new IngestJob(spark).run(IngestRequest.builder(parquet.toString())
        .format(SourceFormat.PARQUET).schema(schemaFile().toString()).dataset(dir.resolve("datasets/parquet").toString()).build());
    assertEquals(2, fromParquet.read());
    assertEquals(2, fromParquet.accepted());
  }

  @Test
  void reportsAMissingInputAsAUsageError() {
    InputNotFoundException error = assertThrows(InputNotFoundException.class, () -> new IngestJob(spark).run(
        IngestRequest.builder(dir.resolve("nothing-here.csv").toString()).dataset(dir.resolve("x").toString()).build()));
    assertTrue(error.getMessage().startsWith("Cannot read input "), error.getMessage());
    assertTrue(error.getMessage().endsWith("nothing-here.csv: no such file or directory"), error.getMessage());
  }

  private static DatasetManifest manifest(Path dataset) throws Exception {
    return AvroJson.read(Files.readString(dataset.resolve("manifest.json")), DatasetManifest.class,
        DatasetManifest.getClassSchema(), "manifest.json");
  }
}
