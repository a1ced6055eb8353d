package io.synthforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.io.Storage;
import io.synthforge.jobs.SynthforgeCli;
import io.synthforge.model.ModelState;
import io.synthforge.provenance.Platform;
import io.synthforge.schema.ModelManifest;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TransformerCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample / sql commands' contract: exit 2 with one line for a user's mistake, before any row is generated. */
class SampleCliTest {
  @TempDir
  static Path dir;

  private static String model;

  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"payments\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\",\"role\":\"identifier\",\"format\":\"P#####\"},"
      + "{\"name\":\"kind\",\"type\":\"string\",\"role\":\"categorical\"},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"role\":\"continuous\"},"
      + "{\"name\":\"fraud\",\"type\":\"int\",\"role\":\"label\",\"domain\":[\"0\",\"1\"]}]}";

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SynthforgeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String[] withSpark(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--master";
    all[args.length + 1] = "local[2]";
    all[args.length + 2] = "--conf";
    all[args.length + 3] = "spark.ui.enabled=false";
    all[args.length + 4] = "--warehouse";
    all[args.length + 5] = dir.resolve("warehouse").toString();
    return all;
  }

  private static void assertOneLine(String err) {
    assertEquals(1, err.strip().lines().count(), "expected one line, got:\n" + err);
    assertFalse(err.contains("\tat "), "no stack trace for a user's mistake");
  }

  @BeforeAll
  static void bundle() throws Exception {
    StringBuilder csv = new StringBuilder("id,kind,amount,fraud\n");
    for (int i = 0; i < 300; i++) {
      csv.append(String.format("P%05d,%s,%d.25,%d%n", i, i % 3 == 0 ? "A" : "B", 10 + i % 50, i % 20 == 0 ? 1 : 0));
    }
    Path input = Files.writeString(dir.resolve("payments.csv"), csv);
    Path schema = Files.writeString(dir.resolve("payments.avsc"), SCHEMA);
    Run ingest = run(withSpark("ingest", "--input", input.toString(), "--schema", schema.toString(), "--dataset",
        dir.resolve("dataset").toString()));
    assertEquals(0, ingest.code, ingest.err);

    // A trained bundle of a family the registry does not know: every check below fails before a model is built.
    Storage storage = new Storage(new Configuration());
    org.apache.hadoop.fs.Path dataset = storage.qualify(dir.resolve("dataset").toString());
    String transformerJson = storage.readText(new org.apache.hadoop.fs.Path(dataset, "transformer.json"));
    ModelManifest manifest = ModelManifest.newBuilder().setFormatVersion(ModelBundle.FORMAT_VERSION).setRunId("train-cli")
        .setFamily("untrained").setSpec(Map.of()).setTraining(Map.of()).setDatasetUri(dataset.toString())
        .setDatasetFingerprint("cli").setTableName("payments").setSeed(1L).setTrainingRows(300L).setValidationRows(0L)
        .setRounds(0).setSteps(0L).setExamplesSeen(0L).setEpochsCompleted(0.0).setStopReason("completed")
        .setBestValidationLoss(null).setFinalLosses(Map.of()).setWallTimeMs(0L).setCreatedAt(Instant.now().toString())
        .setVersions(Platform.versions()).setPlatform(Map.of()).build();
    org.apache.hadoop.fs.Path modelPath = storage.qualify(dir.resolve("model").toString());
    ModelBundle.write(storage, modelPath, manifest, TransformerCodec.fromJson(transformerJson).metadata(), transformerJson,
        ModelState.of(new float[1], new float[1], 0), java.util.List.of());
    model = modelPath.toString();
  }

  @Test
  void helpListsTheNewCommands() {
    for (String command : new String[] {"sample", "sql", "serve-sql"}) {
      Run help = run(command, "--help");
      assertEquals(0, help.code, command);
      assertTrue(help.out.contains("Usage: synthforge " + command), help.out);
    }
  }

  @Test
  void anUnknownConditionColumnExitsTwoWithOneLine() {
    Run result = run(withSpark("sample", "--model", model, "--rows", "100", "--out", dir.resolve("out1").toString(),
        "--condition", "foo=1"));
    assertEquals(2, result.code, result.err);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot condition on column 'foo': no such column (columns: id, kind, amount, fraud)",
        result.err.strip());
  }

  @Test
  void aShareOutsideZeroToOneExitsTwo() {
    Run result = run(withSpark("sample", "--model", model, "--rows", "100", "--out", dir.resolve("out2").toString(),
        "--ratio", "fraud=1:1.2"));
    assertEquals(2, result.code, result.err);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot use ratio fraud=1:1.2: the share must be in (0, 1]", result.err.strip());
  }

  @Test
  void modeErrorOnAnExistingTableExitsTwo() {
    assertEquals(0, run(withSpark("sql", "CREATE DATABASE IF NOT EXISTS fraud")).code);
    Run created = run(withSpark("sql", "CREATE TABLE fraud.existing (a INT) USING parquet"));
    assertEquals(0, created.code, created.err);

    Run result = run(withSpark("sample", "--model", model, "--rows", "100", "--out", dir.resolve("out3").toString(),
        "--table", "fraud.existing"));
    assertEquals(2, result.code, result.err);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot publish table fraud.existing: it exists (pass --mode overwrite or --mode append)",
        result.err.strip());
    assertFalse(Files.exists(dir.resolve("out3")));

    Run listed = run(withSpark("sql", "SHOW TABLES IN fraud"));
    assertEquals(0, listed.code, listed.err);
    assertTrue(listed.out.contains("existing"), listed.out);
    assertTrue(listed.out.strip().endsWith("(1 row)"), listed.out);
  }

  @Test
  void aQueryOfAnUnknownTableExitsTwo() {
    Run result = run(withSpark("sql", "SELECT * FROM nowhere.nothing"));
    assertEquals(2, result.code, result.err);
    assertOneLine(result.err);
    assertTrue(result.err.startsWith("synthforge: Cannot run query: [TABLE_OR_VIEW_NOT_FOUND]"), result.err);
  }
}
