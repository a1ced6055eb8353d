package io.synthforge.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.schema.LabelShortfall;
import io.synthforge.schema.ModelManifest;
import io.synthforge.schema.Relation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests written before relations were recorded still read, with empty relations. */
class ManifestCompatibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aDatasetManifestWithoutRelationsReadsWithNone() throws Exception {
    DatasetManifest manifest = DatasetManifest.newBuilder()
        .setFormatVersion(1).setRunId("ingest-1").setDatasetUri("file:/d").setTableName("t")
        .setCreatedAt("2026-01-01T00:00:00Z").setSourceFormat("csv").setInputs(List.of()).setInputFingerprint("f")
        .setSchemaOrigin("inferred").setOptions(Map.of()).setSeed(1L).setRowsRead(2L).setRowsAccepted(2L)
        .setRowsQuarantined(0L).setQuarantinedByReason(Map.of()).setFeatureWidth(3)
        .setRoundTripCategoricalMismatches(0L).setRoundTripMaxContinuousError(0.0).setVersions(Map.of())
        .setPlatform(Map.of()).setTimingsMs(Map.of())
        .setRelations(List.of(Relation.newBuilder().setText("a = b").setKind("equality").setOrigin("discovered")
            .setRows(2L).setHoldingRows(2L).setSupport(1.0).setEnforced(true).setDerives("a").build()))
        .setColumnDecimals(Map.of("a", 2))
        .build();
    String written = AvroJson.write(manifest);
    assertEquals(manifest.toString(),
        AvroJson.read(written, DatasetManifest.class, DatasetManifest.getClassSchema(), "new").toString());

    ObjectNode older = (ObjectNode) JSON.readTree(written);
    older.remove("relations");
    older.remove("column_decimals");
    DatasetManifest read = AvroJson.read(JSON.writeValueAsString(older), DatasetManifest.class,
        DatasetManifest.getClassSchema(), "old");
    assertEquals(List.of(), read.getRelations());
    assertEquals(Map.of(), read.getColumnDecimals());
  }

  /** A relation's label shortfall is written and read back; relations written before it existed read with none. */
  @Test
  void relationsWithoutALabelShortfallReadWithNone() throws Exception {
    Relation withShortfall = Relation.newBuilder().setText("a <= b").setKind("inequality").setOrigin("discovered")
        .setRows(1000L).setHoldingRows(999L).setSupport(0.999).setEnforced(false)
        .setLabelShortfall(LabelShortfall.newBuilder().setColumn("flag").setValue("1").setRows(8L).setHoldingRows(7L)
            .build())
        .build();
    ModelManifest manifest = ModelManifest.newBuilder()
        .setFormatVersion(2).setRunId("train-1").setFamily("tvae").setSpec(Map.of()).setTraining(Map.of())
        .setDatasetUri("file:/d").setDatasetFingerprint("f").setTableName("t").setSeed(1L).setTrainingRows(1L)
        .setValidationRows(0L).setRounds(1).setSteps(1L).setExamplesSeen(1L).setEpochsCompleted(1.0)
        .setStopReason("completed").setBestValidationLoss(null).setFinalLosses(Map.of()).setWallTimeMs(1L)
        .setCreatedAt("2026-01-01T00:00:00Z").setVersions(Map.of()).setPlatform(Map.of())
        .setConstraints(List.of(withShortfall))
        .build();
    String written = AvroJson.write(manifest);
    assertEquals(withShortfall,
        AvroJson.read(written, ModelManifest.class, ModelManifest.getClassSchema(), "new").getConstraints().get(0));

    ObjectNode older = (ObjectNode) JSON.readTree(written);
    ((ObjectNode) older.get("constraints").get(0)).remove("label_shortfall");
    ModelManifest read = AvroJson.read(JSON.writeValueAsString(older), ModelManifest.class,
        ModelManifest.getClassSchema(), "old");
    assertEquals(null, read.getConstraints().get(0).getLabelShortfall());
    assertEquals("a <= b", read.getConstraints().get(0).getText());
  }

  @Test
  void aModelManifestWithoutConstraintsReadsWithNone() throws Exception {
    ModelManifest manifest = ModelManifest.newBuilder()
        .setFormatVersion(1).setRunId("train-1").setFamily("ctgan").setSpec(Map.of()).setTraining(Map.of())
        .setDatasetUri("file:/d").setDatasetFingerprint("f").setTableName("t").setSeed(1L).setTrainingRows(1L)
        .setValidationRows(0L).setRounds(1).setSteps(1L).setExamplesSeen(1L).setEpochsCompleted(1.0)
        .setStopReason("completed").setBestValidationLoss(null).setFinalLosses(Map.of()).setWallTimeMs(1L)
        .setCreatedAt("2026-01-01T00:00:00Z").setVersions(Map.of()).setPlatform(Map.of())
        .build();
    ObjectNode older = (ObjectNode) JSON.readTree(AvroJson.write(manifest));
    older.remove("constraints");
    older.remove("derived_columns");
    ModelManifest read = AvroJson.read(JSON.writeValueAsString(older), ModelManifest.class,
        ModelManifest.getClassSchema(), "old");
    assertEquals(List.of(), read.getConstraints());
    assertEquals(List.of(), read.getDerivedColumns());
  }
}
