package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ctgan's {@code mode-conditions}: the mode span of a named continuous column joins the training conditions (its
 * categories drawn by log-frequency like any other), generation keeps drawing categorical conditions only, the
 * generator and critic read the wider conditional vector, and bundles saved before the key existed keep the
 * reference's conditions.
 */
class CtganModeConditionsTest {
  private static final Map<String, String> SMALL = Map.of("embedding-dim", "32", "generator-dims", "64,64",
      "discriminator-dims", "64,64");
  private static TableTransformer transformer;
  private static TrainingData data;

  @BeforeAll
  static void buildTable() {
    ModelFixtures payments = ModelFixtures.rareLabelPayments();
    transformer = payments.transformer();
    data = payments.data();
  }

  private static CtganModel model(String modeConditions, String conditioning) {
    CtganFamily family = new CtganFamily();
    Map<String, String> overrides = new HashMap<>(SMALL);
    overrides.put("mode-conditions", modeConditions);
    overrides.put("conditioning", conditioning);
    return (CtganModel) family.create(family.spec(overrides), transformer, 7);
  }

  private static Span amountModes() {
    return transformer.layout().spansOf("amount").stream().filter(Span::isOneHot).findFirst().orElseThrow();
  }

  @Test
  void trainingConditionsCoverTheNamedModesAndGenerationNeverDoes() {
    ConditionSampler sampler = new ConditionSampler(transformer, List.of("amount"));
    int categorical = transformer.layout().conditionableSpans().size();
    assertEquals(categorical, sampler.generationCount());
    assertEquals(categorical + 1, sampler.count());
    assertEquals(transformer.layout().conditionWidth() + amountModes().width(), sampler.width());
    int modeSpan = sampler.count() - 1;
    assertEquals(transformer.layout().spans().indexOf(amountModes()), sampler.spanIndex(modeSpan));

    int draws = 30_000;
    int[] choice = new int[2];
    int[] modeDraws = new int[amountModes().width()];
    SplittableRandom random = new SplittableRandom(5);
    int onModes = 0;
    for (int i = 0; i < draws; i++) {
      sampler.drawTraining(data, random, choice, 0);
      if (choice[0] == modeSpan) {
        onModes++;
        modeDraws[choice[1]]++;
      }
    }
    // The span is uniform over the channel, the label and amount's modes: 1/3, within 5 binomial deviations (0.014).
    assertEquals(1.0 / 3, (double) onModes / draws, 0.014);
    // Training-by-sampling: every mode that holds rows is drawn, none that holds none.
    for (int k = 0; k < modeDraws.length; k++) {
      int rows = data.count(sampler.spanIndex(modeSpan), k);
      assertEquals(rows > 0, modeDraws[k] > 0, "mode " + k + " holds " + rows + " rows, drawn " + modeDraws[k]);
    }
    for (int i = 0; i < draws; i++) {
      sampler.drawGeneration(null, random, choice, 0);
      assertTrue(choice[0] < categorical, "generation drew span " + choice[0]);
    }
  }

  @Test
  void theGeneratorAndCriticReadTheModesAndTrainOnThem() {
    CtganModel reference = model("none", "none");
    CtganModel modes = model("amount", "none");
    int modeWidth = amountModes().width();
    int width = transformer.layout().width();
    int pac = 10;
    // Both residual blocks (64 units) and the output layer read modeWidth more generator inputs; the critic's first
    // layer (64 units) reads pac rows of modeWidth more condition values.
    assertEquals(reference.state().parameterCount() + modeWidth * (64 + 64 + width) + pac * modeWidth * 64,
        modes.state().parameterCount());
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      Map<String, Double> losses = modes.step(data, 100, random);
      assertTrue(Double.isFinite(losses.get("loss_g")) && Double.isFinite(losses.get("condition")), losses.toString());
    }
    float[] out = new float[500 * width];
    modes.generate(500, null, new SplittableRandom(9), out);
    for (float value : out) {
      assertTrue(Float.isFinite(value));
    }
  }

  @Test
  void rejectsColumnsWithoutModesAndTheLabelConditionedGenerator() {
    UsageException unknown = assertThrows(UsageException.class, () -> model("amonut", "none"));
    assertEquals("Cannot condition ctgan on the modes of column 'amonut': the table has no such column",
        unknown.getMessage());
    UsageException categorical = assertThrows(UsageException.class, () -> model("channel", "none"));
    assertEquals("Cannot condition ctgan on the modes of column 'channel': it is not a continuous column with modes",
        categorical.getMessage());
    UsageException label = assertThrows(UsageException.class, () -> model("amount", "label"));
    assertEquals("Cannot use ctgan's mode-conditions with conditioning=label: the label's joint shares cover the"
        + " conditionable columns only; set mode-conditions=none or conditioning=none", label.getMessage());
  }

  @Test
  void bundlesSavedBeforeModeConditionsExistedKeepTheReferenceConditions() {
    CtganFamily family = new CtganFamily();
    Map<String, String> saved = new HashMap<>(family.defaults());
    saved.remove("mode-conditions");
    assertEquals("none", family.storedSpec(saved).text("mode-conditions"));
    assertEquals("none", family.spec(Map.of()).text("mode-conditions"));
    assertEquals(List.of("capital-gain", "capital-loss"),
        CtganFamily.modeColumns(family.spec(Map.of("mode-conditions", "capital-gain, capital-loss"))));
  }
}
