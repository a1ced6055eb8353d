package io.synthforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.jobs.SynthforgeCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI contract: exit 0 / 1 / 2, one line for a user's mistake, a summary paragraph on success. */
class CliExitCodesTest {
  @TempDir
  Path dir;

  private static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SynthforgeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private String[] withSpark(String... args) {
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

  @Test
  void helpExitsZeroOnEveryCommand() {
    for (String command : new CommandLine(new SynthforgeCli()).getSubcommands().keySet()) {
      // picocli reports a description it cannot format (a bare '%') on System.err and prints it raw.
      ByteArrayOutputStream warnings = new ByteArrayOutputStream();
      PrintStream stderr = System.err;
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      Run help;
      try {
        help = run(command, "--help");
      } finally {
        System.setErr(stderr);
      }
      assertEquals(0, help.code, command);
      assertTrue(help.out.contains("Usage: synthforge " + command), help.out);
      assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("picocli WARN"),
          command + ": " + warnings.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run result = run("ingest", "--input", "x.csv", "--dataset", "y", "--frobnicate");
    assertEquals(2, result.code);
    assertOneLine(result.err);
    assertTrue(result.err.startsWith("synthforge: Unknown option: '--frobnicate'"), result.err);
  }

  @Test
  void aMissingInputIsAUsageErrorWithOneLine() {
    Run result = run(withSpark("ingest", "--input", dir.resolve("absent.csv").toString(), "--dataset",
        dir.resolve("ds").toString()));
    assertEquals(2, result.code);
    assertOneLine(result.err);
    assertTrue(result.err.startsWith("synthforge: Cannot read input "), result.err);
    assertTrue(result.err.strip().endsWith("absent.csv: no such file or directory"), result.err);
  }

  @Test
  void aMalformedSchemaIsAUsageErrorWithOneLine() throws Exception {
    Path input = Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
    Path schema = Files.writeString(dir.resolve("bad.avsc"), "{\"type\": \"record\", \"name\": ");
    Run result = run(withSpark("ingest", "--input", input.toString(), "--schema", schema.toString(), "--dataset",
        dir.resolve("ds").toString()));
    assertEquals(2, result.code);
    assertOneLine(result.err);
    assertTrue(result.err.startsWith("synthforge: Cannot read schema " + schema), result.err);
  }

  @Test
  void evaluateNeedsTheSyntheticDataOrItsTable() {
    Run result = run("evaluate", "--real", dir.resolve("real").toString(), "--report", dir.resolve("report").toString());
    assertEquals(2, result.code);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot evaluate: give the synthetic data (--synthetic URI) or its catalog table "
        + "(--table DB.NAME)", result.err.strip());
  }

  @Test
  void evaluateTakesTheUtilityBoostingRoundsAsAPipelineDoes() {
    Run result = run("evaluate", "--real", dir.resolve("real").toString(), "--synthetic", dir.resolve("s").toString(),
        "--report", dir.resolve("report").toString(), "--gbt-iterations", "0");
    assertEquals(2, result.code);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot configure evaluation option gbt-max-iter=0: it must be at least 1",
        result.err.strip());
  }

  @Test
  void evaluatingATableTheCatalogLacksIsAUsageErrorWithOneLine() {
    Run result = run(withSpark("evaluate", "--real", dir.resolve("real").toString(), "--table", "synth.absent",
        "--report", dir.resolve("report").toString()));
    assertEquals(2, result.code, result.err);
    assertOneLine(result.err);
    assertEquals("synthforge: Cannot evaluate table synth.absent: no such table in the catalog", result.err.strip());
  }

  @Test
  void tooManyBadRowsFailTheJobWithExitOne() throws Exception {
    Path input = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n4\n5,6\n", StandardCharsets.UTF_8);
    Run result = run(withSpark("ingest", "--input", input.toString(), "--dataset", dir.resolve("ds").toString()));
    assertEquals(1, result.code);
    assertTrue(result.err.contains("synthforge ingest failed: Cannot ingest " + input + ": 2 of 4 records (50.0%) are malformed"),
        result.err);
  }

  @Test
  void aSuccessfulIngestEndsWithASummary() throws Exception {
    StringBuilder csv = new StringBuilder("city,temp\n");
    for (int i = 0; i < 150; i++) {
      csv.append(i % 3 == 0 ? "Oslo" : "Lima").append(',').append(10 + i % 7).append('\n');
    }
    csv.append("Rome,warm\n");
    Path input = Files.writeString(dir.resolve("cities.csv"), csv);
    Run result = run(withSpark("ingest", "--input", input.toString(), "--dataset", dir.resolve("cities").toString()));
    assertEquals(0, result.code, result.err);
    assertTrue(result.out.contains("read 151 records = 150 accepted + 1 quarantined {BAD_TYPE=1}"), result.out);
    assertTrue(Files.exists(dir.resolve("cities/manifest.json")));
  }

  @Test
  void aTextCorpusIngestsThroughTheCliAndBadCorpusOptionsAreUsageErrors() throws Exception {
    Path input = Files.writeString(dir.resolve("fortunes"), "Fortune one.\n%\nFortune two.\n%\n", StandardCharsets.UTF_8);
    Run result = run(withSpark("ingest", "--input", input.toString(), "--format", "text", "--text-split", "percent",
        "--dataset", dir.resolve("texts").toString()));
    assertEquals(0, result.code, result.err);
    assertTrue(result.out.contains("Ingested corpus " + input + ": read 2 records = 2 accepted + 0 quarantined"), result.out);
    assertTrue(Files.exists(dir.resolve("texts/corpus.json")));

    Run split = run(withSpark("ingest", "--input", input.toString(), "--format", "text", "--text-split", "words",
        "--dataset", dir.resolve("t2").toString()));
    assertEquals(2, split.code);
    assertOneLine(split.err);
    assertTrue(split.err.contains("expected one of file, line, paragraph, percent"), split.err);
    Run size = run(withSpark("ingest", "--input", input.toString(), "--format", "images", "--image-size", "0x5",
        "--dataset", dir.resolve("t3").toString()));
    assertEquals(2, size.code);
    assertOneLine(size.err);
  }
}
