package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CtganModelTest {
  private static final Map<String, String> SMALL = Map.of("embedding-dim", "32", "generator-dims", "64,64",
      "discriminator-dims", "64,64");
  private static ModelFixtures fixture;

  @BeforeAll
  static void buildFixture() {
    fixture = ModelFixtures.build();
  }

  private static GenerativeModel model(long seed, Map<String, String> overrides) {
    CtganFamily family = new CtganFamily();
    return family.create(family.spec(overrides), fixture.transformer(), seed);
  }

  @Test
  void isRegistered() {
    assertEquals("ctgan", ModelFamilies.named("ctgan").name());
  }

  @Test
  void stateRoundTripsExactly() {
    GenerativeModel model = model(1, SMALL);
    model.step(fixture.data(), 50, new SplittableRandom(3));
    ModelState state = model.state();
    GenerativeModel other = model(2, SMALL);
    other.load(state);
    assertEquals(state, other.state());
    model.step(fixture.data(), 50, new SplittableRandom(4));
    other.step(fixture.data(), 50, new SplittableRandom(4));
    assertEquals(model.state(), other.state());
  }

  @Test
  void sameSeedGivesIdenticalParameters() {
    GenerativeModel first = model(5, SMALL);
    GenerativeModel second = model(5, SMALL);
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    for (int i = 0; i < 10; i++) {
      first.step(fixture.data(), 100, a);
      second.step(fixture.data(), 100, b);
    }
    assertArrayEquals(first.state().parameters(), second.state().parameters());
    assertArrayEquals(first.state().updaterState(), second.state().updaterState());
  }

  @Test
  void rejectsABatchThatIsNotAMultipleOfPac() {
    GenerativeModel model = model(1, SMALL);
    UsageException error = assertThrows(UsageException.class,
        () -> model.step(fixture.data(), 55, new SplittableRandom(1)));
    assertEquals("Cannot train ctgan with batch 55: the batch must be a positive multiple of pac (10); change the"
        + " batch per worker or pac", error.getMessage());
  }

  /**
   * Validation loss (mean TVD of the one-hot marginals) falls, and the categorical marginals come back within
   * 0.08 TVD per column, and the condition cross-entropy falls below 0.7 (about 1.0 untrained: ln 2 to ln 4).
   * Sampling error alone at 2,000 rows is under ~0.03 (see the TVAE test); conditions are
   * drawn from the true frequencies, so a generator that honours its condition gets the conditioned column
   * right, and the others follow from the learned correlations. An untrained generator is at about 0.2-0.3.
   */
  @Test
  void learnsTheFixture() {
    GenerativeModel model = model(7, SMALL);
    List<TrainingData> parts = fixture.data().split(0.2, 3);
    TrainingData train = parts.get(0);
    TrainingData held = parts.get(1);
    SplittableRandom random = new SplittableRandom(11);
    double before = model.validationLoss(held, new SplittableRandom(1));
    double condition = 0;
    for (int i = 0; i < 400; i++) {
      Map<String, Double> losses = model.step(train, 100, random);
      if (i >= 380) {
        condition += losses.get("condition") / 20;
      }
    }
    double after = model.validationLoss(held, new SplittableRandom(1));
    assertTrue(after < before, before + " -> " + after);
    assertTrue(condition < 0.7, "condition cross-entropy " + condition);
    int rows = 2000;
    OutputLayout layout = model.layout();
    float[] out = new float[rows * layout.width()];
    model.generate(rows, null, new SplittableRandom(12), out);
    for (int s = 0; s < layout.spans().size(); s++) {
      Span span = layout.spans().get(s);
      if (span.isConditionable()) {
        double tvd = ModelFixtures.totalVariation(ModelFixtures.shares(fixture.data(), s),
            ModelFixtures.shares(layout, s, out, rows));
        assertTrue(tvd < 0.08, span.column() + " TVD " + tvd);
      }
    }
    GenerationCondition nice = GenerationCondition.of(0, 2);
    model.generate(300, nice, new SplittableRandom(13), out);
    assertEquals(1.0, ModelFixtures.shares(layout, 0, out, 300)[2], 1e-9);
  }
}
