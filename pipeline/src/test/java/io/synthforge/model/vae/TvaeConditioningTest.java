package io.synthforge.model.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.TableTransformer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tvae's decoder conditioned on the label: a rare label whose rows differ from the others in every column (5 %
 * "fraud" rows, 90 % on the web channel with amounts near 1,000, against 10 % web and amounts near 50) comes back
 * with its own traits when generated under the label, and unconditioned rows keep the real label rate.
 */
class TvaeConditioningTest {
  private static TableTransformer transformer;
  private static TrainingData data;
  private static int labelSpan;
  private static int channelSpan;

  @BeforeAll
  static void buildTable() {
    ModelFixtures payments = ModelFixtures.rareLabelPayments();
    transformer = payments.transformer();
    data = payments.data();
    labelSpan = transformer.labelSpan().getAsInt();
    channelSpan = 0;
  }

  private static TvaeModel trained(String conditioning) {
    TvaeFamily family = new TvaeFamily();
    TvaeModel model = (TvaeModel) family.create(family.spec(Map.of("embedding-dim", "16", "compress-dims", "32,32",
        "decompress-dims", "32,32", "learning-rate", "3e-3", "conditioning", conditioning)), transformer, 7);
    // As training does with --oversample-below 0.2: the rare label fills a fifth of each batch.
    TrainingData oversampled = data.oversampled(labelSpan, 0.2);
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 800; i++) {
      model.step(oversampled, 100, random);
    }
    return model;
  }

  /** Rows generated under {@code label}'s category {@code value}: {share of web, median amount, share of value}. */
  private static double[] generatedUnder(TvaeModel model, String value, int rows) {
    int category = transformer.layout().spans().get(labelSpan).labels().indexOf(value);
    float[] out = new float[rows * transformer.layout().width()];
    model.generate(rows, GenerationCondition.of(labelSpan, category), new SplittableRandom(13), out);
    double[] labelShares = ModelFixtures.shares(transformer.layout(), labelSpan, out, rows);
    double[] amounts = new double[rows];
    int web = 0;
    for (int r = 0; r < rows; r++) {
      Object[] values = new Object[3];
      transformer.decodeInto(out, r * transformer.layout().width(), values);
      web += "web".equals(values[0]) ? 1 : 0;
      amounts[r] = ((Number) values[1]).doubleValue();
    }
    Arrays.sort(amounts);
    return new double[] {(double) web / rows, amounts[rows / 2], labelShares[category]};
  }

  @Test
  void rowsGeneratedUnderTheRareLabelCarryItsTraits() {
    TvaeModel model = trained("label");
    assertTrue(model.conditioned());
    double[] fraud = generatedUnder(model, "1", 1000);
    double[] legit = generatedUnder(model, "0", 1000);
    // Decoded under the label: every row has it, none is rejected or forced.
    assertEquals(1.0, fraud[2], 1e-12);
    assertEquals(1.0, legit[2], 1e-12);
    // Real: 90 % web and amounts near 1,000 for fraud, 10 % web and near 50 otherwise. The bounds leave room for a
    // briefly trained model; a decoder that ignores the label lands near the 14.5 % web share of all rows.
    assertTrue(fraud[0] > 0.75, "web share of fraud rows " + fraud[0]);
    assertTrue(legit[0] < 0.2, "web share of other rows " + legit[0]);
    assertTrue(fraud[1] > 800 && fraud[1] < 1200, "median fraud amount " + fraud[1]);
    assertTrue(legit[1] > 30 && legit[1] < 70, "median other amount " + legit[1]);
  }

  @Test
  void unconditionedRowsKeepTheTrainingLabelRateDespiteOversampling() {
    TvaeModel model = trained("label");
    int rows = 20_000;
    float[] out = new float[rows * transformer.layout().width()];
    model.generate(rows, null, new SplittableRandom(17), out);
    int fraud = transformer.layout().spans().get(labelSpan).labels().indexOf("1");
    double share = ModelFixtures.shares(transformer.layout(), labelSpan, out, rows)[fraud];
    // The label is drawn with its training frequency (5 %): 4 binomial standard deviations are 0.0062.
    assertEquals(0.05, share, 0.0062);
    // The other columns still follow the label: web is 0.9 * 5 % + 0.1 * 95 % = 14 % of all rows.
    double web = ModelFixtures.shares(transformer.layout(), channelSpan, out, rows)[
        transformer.layout().spans().get(channelSpan).labels().indexOf("web")];
    assertEquals(0.14, web, 0.05);
  }

  @Test
  void unconditionedDecoderIsTheReferences() {
    TvaeFamily family = new TvaeFamily();
    TvaeModel model = (TvaeModel) family.create(family.spec(Map.of("conditioning", "none")), transformer, 7);
    assertFalse(model.conditioned());
    TvaeModel conditioned = (TvaeModel) family.create(family.spec(Map.of()), transformer, 7);
    int labelWidth = transformer.layout().spans().get(labelSpan).width();
    // The conditioned decoder's first layer reads the label's one-hot as well: labelWidth more input rows.
    assertEquals(model.state().parameterCount() + labelWidth * 128, conditioned.state().parameterCount());
  }

  @Test
  void rejectsAnUnknownConditioning() {
    TvaeFamily family = new TvaeFamily();
    UsageException error = assertThrows(UsageException.class,
        () -> family.create(family.spec(Map.of("conditioning", "channel")), transformer, 7));
    assertEquals("Cannot use tvae's conditioning 'channel': expected label or none", error.getMessage());
  }

  @Test
  void bundlesSavedBeforeConditioningExistedRebuildAnUnconditionedDecoder() {
    TvaeFamily family = new TvaeFamily();
    Map<String, String> saved = new java.util.HashMap<>(family.defaults());
    saved.remove("conditioning");
    assertEquals("none", family.storedSpec(saved).text("conditioning"));
    saved.put("conditioning", "label");
    assertEquals("label", family.storedSpec(saved).text("conditioning"));
    assertEquals("label", family.spec(Map.of()).text("conditioning"));
  }
}
