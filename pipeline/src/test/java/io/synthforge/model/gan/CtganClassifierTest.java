package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.SpanIndex;
import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ctgan's {@code classifier-weight}: CTAB-GAN's auxiliary classifier joins the state and the training, makes the
 * generated label agree with the other columns as in the real rows, and needs a label column.
 */
class CtganClassifierTest {
  private static final Map<String, String> SMALL = Map.of("embedding-dim", "32", "generator-dims", "64,64",
      "discriminator-dims", "64,64", "classifier-dims", "32");
  private static TableTransformer transformer;
  private static TrainingData data;

  @BeforeAll
  static void buildTable() {
    ModelFixtures payments = ModelFixtures.rareLabelPayments();
    transformer = payments.transformer();
    data = payments.data();
  }

  private static CtganModel model(String weight, long seed) {
    return model(weight, "joint", seed);
  }

  private static CtganModel model(String weight, String guide, long seed) {
    CtganFamily family = new CtganFamily();
    Map<String, String> overrides = new HashMap<>(SMALL);
    overrides.put("classifier-weight", weight);
    overrides.put("classifier-guide", guide);
    return (CtganModel) family.create(family.spec(overrides), transformer, seed);
  }

  @Test
  void theClassifierJoinsTheStateAndRoundTrips() {
    CtganModel reference = model("0", 1);
    CtganModel guided = model("1", 1);
    int width = transformer.layout().width();
    // 32 hidden units read the row; 2 label logits read them.
    assertEquals(reference.state().parameterCount() + width * 32 + 32 + 32 * 2 + 2, guided.state().parameterCount());
    assertEquals(reference.state().updaterStateCount() + 2 * (width * 32 + 32 + 32 * 2 + 2),
        guided.state().updaterStateCount());
    Map<String, Double> losses = guided.step(data, 100, new SplittableRandom(3));
    assertTrue(losses.get("classifier") > 0 && losses.get("label_guide") > 0, losses.toString());
    ModelState state = guided.state();
    CtganModel other = model("1", 2);
    other.load(state);
    assertEquals(state, other.state());
    guided.step(data, 100, new SplittableRandom(4));
    other.step(data, 100, new SplittableRandom(4));
    assertEquals(guided.state(), other.state());
    // The default model is the reference's: same parameters for the same seed as before the classifier existed.
    assertTrue(!reference.step(data, 100, new SplittableRandom(3)).containsKey("classifier"));
  }

  @Test
  void generatedLabelsAgreeWithTheAmountAsInTheRealRows() {
    double reference = disagreement(model("0", 5));
    double joint = disagreement(model("1", "joint", 5));
    double label = disagreement(model("1", "label", 5));
    assertTrue(joint < reference, "label disagreement " + joint + " with the classifier, " + reference + " without");
    assertTrue(label < reference, "label disagreement " + label + " with the classifier fitting the label only, "
        + reference + " without");
  }

  /**
   * Trains briefly, generates rows, and returns the share of rows whose label is not the one the real rows give
   * their amount (fraud amounts sit near 1,000 in their own mode, the others near 50).
   */
  private static double disagreement(CtganModel model) {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 300; i++) {
      model.step(data, 100, random);
    }
    OutputLayout layout = transformer.layout();
    Span modes = layout.spansOf("amount").stream().filter(Span::isOneHot).findFirst().orElseThrow();
    Span label = layout.spansOf("fraud").get(0);
    int modeSpan = layout.spans().indexOf(modes);
    int labelSpan = layout.spans().indexOf(label);
    // The label the real rows give each amount mode (majority), from the training rows.
    int[][] counts = new int[modes.width()][label.width()];
    float[] row = new float[layout.width()];
    for (int r = 0; r < data.rows(); r++) {
      data.denseRow(r, row, 0);
      counts[argmax(row, modes)][argmax(row, label)]++;
    }
    int rows = 4000;
    float[] out = new float[rows * layout.width()];
    model.generate(rows, null, new SplittableRandom(12), out);
    int wrong = 0;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(out, r * layout.width(), row, 0, layout.width());
      int[] labels = counts[argmax(row, modes)];
      int majority = labels[1] > labels[0] ? 1 : 0;
      wrong += argmax(row, label) == majority ? 0 : 1;
    }
    return (double) wrong / rows;
  }

  private static int argmax(float[] row, Span span) {
    return SpanIndex.argmax(row, span.offset(), span.width());
  }

  @Test
  void needsALabelColumnAndANonNegativeWeight() {
    UsageException negative = assertThrows(UsageException.class, () -> model("-1", 1));
    assertEquals("Cannot use ctgan's classifier-weight -1.0: it must be 0 (off) or positive", negative.getMessage());
    TableMetadata unlabelled = TableMetadata.of("unlabelled", List.of(
        ColumnSpec.builder("channel", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
        ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build()));
    Object[][] rows = new Object[100][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new Object[] {r % 3 == 0 ? "web" : "card", 10.0 + r};
    }
    TableTransformer noLabel = TableTransformer.fit(unlabelled, ModelFixtures.profiles(unlabelled, rows),
        TransformOptions.defaults(), 1);
    UsageException guide = assertThrows(UsageException.class, () -> model("1", "labels", 1));
    assertEquals("Cannot use ctgan's classifier-guide 'labels': expected joint or label", guide.getMessage());
    CtganFamily family = new CtganFamily();
    UsageException conditioned = assertThrows(UsageException.class, () -> family.create(family.spec(
        Map.of("classifier-weight", "1", "classifier-guide", "label", "conditioning", "label")), transformer, 1));
    assertEquals("Cannot use ctgan's classifier-guide=label with conditioning=label: the generator reads the label"
        + " instead of generating it; set classifier-guide=joint or conditioning=none", conditioned.getMessage());
    UsageException missing = assertThrows(UsageException.class,
        () -> family.create(family.spec(Map.of("classifier-weight", "1")), noLabel, 1));
    assertEquals("Cannot use ctgan's classifier-weight without a categorical label column: ingest with --label COLUMN"
        + " or set classifier-weight=0", missing.getMessage());
  }

  @Test
  void bundlesSavedBeforeTheClassifierExistedHaveNone() {
    CtganFamily family = new CtganFamily();
    Map<String, String> saved = new HashMap<>(family.defaults());
    saved.remove("classifier-weight");
    saved.remove("classifier-dims");
    saved.remove("classifier-guide");
    assertEquals(0.0, family.storedSpec(saved).doubleValue("classifier-weight"));
    assertEquals("joint", family.storedSpec(saved).text("classifier-guide"));
  }
}
