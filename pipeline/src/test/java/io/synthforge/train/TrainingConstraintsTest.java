package io.synthforge.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.constraint.ConstraintException;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.FixedCombinations;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.constraint.Rule;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.io.Storage;
import io.synthforge.schema.ModelManifest;
import io.synthforge.schema.Relation;
import io.synthforge.testing.Fixtures;
import io.synthforge.testing.LocalSpark;
import io.synthforge.train.distributed.TrainingMaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training under declared constraints and discovered relations: checked on the real rows, derived out of the layout. */
class TrainingConstraintsTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static String dataset;
  private static String csv;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("TrainingConstraintsTest", dir.resolve("warehouse"));
    Path schema = Fixtures.write(dir.resolve("ledger.avsc"), Fixtures.LEDGER_SCHEMA);
    csv = Fixtures.ledgerCsv(1_200, 3);
    Path input = Fixtures.write(dir.resolve("ledger.csv"), csv);
    dataset = dir.resolve("dataset").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(dataset).build());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static TrainingOptions.Builder options(String out) {
    return TrainingOptions.builder(dataset, "meanfield", dir.resolve(out).toString())
        .workers(2).batchPerWorker(40).averagingFrequency(3).epochs(1).seed(7).checkpointEvery(5);
  }

  private static TrainingResult train(TrainingOptions options) {
    return new TrainingMaster(spark).train(options, TrainingListener.none());
  }

  private static ModelBundle bundle(TrainingResult result) {
    return ModelBundle.load(new Storage(spark.sparkContext().hadoopConfiguration()), result.modelUri());
  }

  @Test
  void derivedColumnsLeaveTheLayoutAndEveryConstraintIsRecorded() {
    TrainingResult result = train(options("constrained")
        .constraints(List.of("amount <= before", "fixed combinations (kind, flag)")).build());
    ModelManifest manifest = result.manifest();
    assertEquals(List.of("after"), manifest.getDerivedColumns(), "after is computed for kinds A, B and C");
    ModelBundle bundle = bundle(result);
    assertFalse(bundle.transformer().layout().columns().contains("after"));
    assertTrue(bundle.transformer().layout().columns().contains("fee"), "fee is derived only when flag is 1");
    assertEquals(7, bundle.transformer().metadata().columns().size(), "the table keeps every column");

    List<String> texts = manifest.getConstraints().stream().map(Relation::getText).collect(Collectors.toList());
    assertEquals(List.of("amount <= before", "fixed combinations (kind, flag)"), texts.subList(0, 2));
    assertTrue(texts.contains("after = before - amount when kind in (A, B)"), texts.toString());
    assertTrue(texts.contains("after = before + amount when kind in (C)"), texts.toString());
    assertTrue(texts.contains("fee = 0 when flag in (1)"), texts.toString());
    Relation declared = manifest.getConstraints().get(0);
    assertEquals("declared", declared.getOrigin());
    assertEquals(1_200L, declared.getRows(), "every training row (no holdout here)");
    assertEquals(1.0, declared.getSupport());
    assertEquals("amount <= before", manifest.getTraining().get("constraint.1"));

    ConstraintSet constraints = bundle.constraints();
    assertEquals(Set.of("after"), constraints.derivedColumns());
    FixedCombinations pairs = (FixedCombinations) constraints.rules().get(1).constraint();
    assertEquals(Set.of(List.of("A", "0"), List.of("A", "1"), List.of("B", "0"), List.of("B", "1"), List.of("C", "0"),
        List.of("C", "1")), pairs.allowed());
    assertTrue(Files.exists(Path.of(result.modelUri().replace("file:", ""), "constraints.json")));
  }

  @Test
  void aDeclaredConstraintTheRealRowsBreakIsRefusedWithTheShareThatBreaksIt() {
    long rows = csv.lines().skip(1).count();
    long kindC = csv.lines().skip(1).filter(line -> line.split(",")[1].equals("C")).count();
    ConstraintException refused = assertThrows(ConstraintException.class,
        () -> train(options("refused").constraints(List.of("after = before - amount")).build()));
    assertEquals(String.format(Locale.ROOT, "Cannot enforce constraint 'after = before - amount': %.2f%% of the real rows "
        + "it applies to (%,d of %,d) break it, above --max-constraint-violations 0.01; fix the constraint or its "
        + "condition, or raise the threshold", 100.0 * kindC / rows, kindC, rows), refused.getMessage());
    assertFalse(Files.exists(dir.resolve("refused")), "nothing is written");
    TrainingResult tolerated = train(options("tolerated").constraints(List.of("after = before - amount"))
        .maxConstraintViolations(0.5).relations(RelationsMode.OFF).build());
    Relation recorded = tolerated.manifest().getConstraints().get(0);
    assertEquals(rows - kindC, recorded.getHoldingRows());
    assertEquals(List.of("after"), tolerated.manifest().getDerivedColumns(), "a formula without condition covers every row");
  }

  @Test
  void relationsOffOrSuggestedLeaveTheLayoutWhole() {
    TrainingResult off = train(options("off").relations(RelationsMode.OFF).build());
    assertEquals(List.of(), off.manifest().getConstraints());
    assertEquals(List.of(), off.manifest().getDerivedColumns());
    assertFalse(Files.exists(Path.of(off.modelUri().replace("file:", ""), "constraints.json")));
    assertTrue(bundle(off).transformer().layout().columns().contains("after"));
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(off.modelUri(), "manifest.json");
    storage.writeText(manifest, storage.readText(manifest).replace("\"format_version\" : 2", "\"format_version\" : 1"));
    assertEquals(1, bundle(off).manifest().getFormatVersion(), "a bundle from before constraints still loads");

    TrainingResult suggested = train(options("suggested").relations(RelationsMode.SUGGEST).build());
    assertFalse(suggested.manifest().getConstraints().isEmpty());
    assertTrue(suggested.manifest().getConstraints().stream().noneMatch(Relation::getEnforced));
    assertEquals(List.of(), suggested.manifest().getDerivedColumns());
    ConstraintSet measured = bundle(suggested).constraints();
    assertTrue(measured.rules().stream().allMatch(rule -> rule.origin() == Rule.Origin.DISCOVERED));
    assertFalse(measured.enforces());
  }

  /** A relation ingest did not enforce because the rare label's rows break it stays unenforced under --relations enforce. */
  @Test
  void enforcingRelationsLeavesOutOneTheRareLabelBreaks() {
    Path schema = Fixtures.write(dir.resolve("accounts.avsc"), Fixtures.ACCOUNTS_SCHEMA);
    Path input = Fixtures.write(dir.resolve("accounts.csv"), Fixtures.accountsCsv());
    String accounts = dir.resolve("accounts").toString();
    new IngestJob(spark).run(IngestRequest.builder(input.toString()).schema(schema.toString()).dataset(accounts).build());

    for (RelationsMode mode : new RelationsMode[] {null, RelationsMode.ENFORCE}) {
      TrainingResult result = train(TrainingOptions.builder(accounts, "meanfield",
          dir.resolve("accounts-" + mode).toString()).workers(2).batchPerWorker(40).averagingFrequency(3).epochs(1)
          .seed(7).relations(mode).build());
      Relation order = result.manifest().getConstraints().stream()
          .filter(relation -> relation.getText().equals("amount <= balance")).findFirst().orElseThrow();
      assertEquals(0.99925, order.getSupport(), 1e-12);
      assertFalse(order.getEnforced(), "relations " + mode);
    }
  }
}
