package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TableTransformer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ctgan's generator conditioned on the label: a rare label whose rows differ from the others (5 % "fraud" rows,
 * 90 % on the web channel with amounts near 1,000, against 10 % web and amounts near 50) comes back with its own
 * channel mix, every row generated under a label carries it, unconditioned rows keep the real label rate and the pairing
 * of label and channel, and bundles saved before the key existed load as they were.
 */
class CtganConditioningTest {
  private static final Map<String, String> SMALL = Map.of("embedding-dim", "32", "generator-dims", "64,64",
      "discriminator-dims", "64,64");
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

  private static CtganModel model(String conditioning) {
    CtganFamily family = new CtganFamily();
    Map<String, String> overrides = new HashMap<>(SMALL);
    overrides.put("conditioning", conditioning);
    return (CtganModel) family.create(family.spec(overrides), transformer, 7);
  }

  private static CtganModel trained() {
    CtganModel model = model("label");
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 600; i++) {
      model.step(data, 100, random);
    }
    return model;
  }

  private static int category(int span, String value) {
    return transformer.layout().spans().get(span).labels().indexOf(value);
  }

  /** Decoded rows: {share of web, share of fraud} among {@code rows} rows of {@code out}. */
  private static double[] traits(float[] out, int rows) {
    int web = 0;
    int fraud = 0;
    for (int r = 0; r < rows; r++) {
      Object[] values = new Object[3];
      transformer.decodeInto(out, r * transformer.layout().width(), values);
      web += "web".equals(values[0]) ? 1 : 0;
      fraud += "1".equals(values[2]) ? 1 : 0;
    }
    return new double[] {(double) web / rows, (double) fraud / rows};
  }

  private static double[] generatedUnder(CtganModel model, GenerationCondition condition, int rows, long seed) {
    float[] out = new float[rows * transformer.layout().width()];
    model.generate(rows, condition, new SplittableRandom(seed), out);
    return traits(out, rows);
  }

  @Test
  void rowsGeneratedUnderALabelCarryItAndItsTraits() {
    CtganModel model = trained();
    assertTrue(model.labelConditioned());
    double[] fraud = generatedUnder(model, GenerationCondition.of(labelSpan, category(labelSpan, "1")), 1000, 13);
    double[] legit = generatedUnder(model, GenerationCondition.of(labelSpan, category(labelSpan, "0")), 1000, 13);
    assertEquals(1.0, fraud[1], 1e-12);
    assertEquals(0.0, legit[1], 1e-12);
    // Real: 90 % web for fraud, 10 % otherwise; the bounds leave room for a briefly trained GAN (which has not yet
    // learned the amounts). A generator that ignored its label input would give both the same mix (14 % web).
    assertTrue(fraud[0] > 0.7, "web share of fraud rows " + fraud[0]);
    assertTrue(legit[0] < 0.25, "web share of other rows " + legit[0]);
  }

  @Test
  void unconditionedRowsKeepTheLabelRateAndItsPairingWithTheChannel() {
    CtganModel model = trained();
    int rows = 20_000;
    float[] out = new float[rows * transformer.layout().width()];
    model.generate(rows, null, new SplittableRandom(17), out);
    double[] all = traits(out, rows);
    // The label is drawn with its training share (5 %): 4 binomial standard deviations are 0.0062.
    assertEquals(0.05, all[1], 0.0062);
    // Under channel = web, the label is drawn with its share among web rows: 135 fraud of 420 web rows (real),
    // where a label drawn independently of the condition would give 5 %.
    float[] web = new float[rows * transformer.layout().width()];
    model.generate(rows, GenerationCondition.of(channelSpan, category(channelSpan, "web")), new SplittableRandom(19),
        web);
    double[] webTraits = traits(web, rows);
    assertEquals(1.0, webTraits[0], 1e-12);
    double realShare = (double) count(category(channelSpan, "web"), category(labelSpan, "1"))
        / data.count(channelSpan, category(channelSpan, "web"));
    assertEquals(realShare, webTraits[1], 0.02);
  }

  private static int count(int channel, int label) {
    int n = 0;
    for (int row = 0; row < data.rows(); row++) {
      if ((int) data.compactValue(row, channelSpan) == channel && (int) data.compactValue(row, labelSpan) == label) {
        n++;
      }
    }
    return n;
  }

  @Test
  void theJointSharesTravelInTheStateAndSurviveAReload() {
    CtganModel model = model("label");
    model.step(data, 100, new SplittableRandom(3));
    ModelState state = model.state();
    CtganModel other = model("label");
    other.load(state);
    assertEquals(state, other.state());
    int rows = 2000;
    GenerationCondition web = GenerationCondition.of(channelSpan, category(channelSpan, "web"));
    assertEquals(generatedUnder(model, web, rows, 23)[1], generatedUnder(other, web, rows, 23)[1], 1e-12);
    // A fresh model has not seen rows: it pairs them as if independent, so the reloaded one's shares are the data's.
    assertTrue(generatedUnder(other, web, rows, 23)[1] > 0.2);
    assertTrue(generatedUnder(model("label"), web, rows, 23)[1] < 0.1);
  }

  @Test
  void theReferenceGeneratorDoesNotReadTheLabel() {
    CtganModel reference = model("none");
    assertFalse(reference.labelConditioned());
    CtganModel conditioned = model("label");
    int labelWidth = transformer.layout().spans().get(labelSpan).width();
    int conditionWidth = transformer.layout().conditionWidth();
    // The residual blocks pass their input on, so both blocks (64 units each) and the output layer read labelWidth
    // more inputs; the state also holds the joint shares.
    int width = transformer.layout().width();
    assertEquals(reference.state().parameterCount() + labelWidth * (64 + 64 + width) + conditionWidth * labelWidth,
        conditioned.state().parameterCount());
  }

  @Test
  void rejectsAnUnknownConditioning() {
    UsageException error = assertThrows(UsageException.class, () -> model("channel"));
    assertEquals("Cannot use ctgan's conditioning 'channel': expected label or none", error.getMessage());
  }

  @Test
  void bundlesSavedBeforeConditioningExistedLoadAndSampleAsBefore() {
    CtganFamily family = new CtganFamily();
    Map<String, String> saved = new HashMap<>(family.defaults());
    saved.remove("conditioning");
    assertEquals("none", family.storedSpec(saved).text("conditioning"));
    // Not the default: on Adult it raised column shapes and pair trends but lowered the GBT utility (benchmarks).
    assertEquals("none", family.spec(Map.of()).text("conditioning"));
    saved.put("conditioning", "label");
    assertEquals("label", family.storedSpec(saved).text("conditioning"));
    saved.remove("conditioning");
    // A state of the reference generator, as an old bundle holds, loads under the old manifest's spec.
    CtganModel old = (CtganModel) family.create(family.spec(Map.of("conditioning", "none")), transformer, 7);
    old.step(data, 100, new SplittableRandom(3));
    GenerativeModel loaded = ModelBundle.instantiate("ctgan", saved, transformer, 9, old.state());
    int rows = 500;
    float[] expected = new float[rows * transformer.layout().width()];
    float[] actual = new float[rows * transformer.layout().width()];
    old.generate(rows, null, new SplittableRandom(31), expected);
    loaded.generate(rows, null, new SplittableRandom(31), actual);
    assertTrue(Arrays.equals(expected, actual));
  }
}
