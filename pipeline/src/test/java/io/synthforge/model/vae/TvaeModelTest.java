package io.synthforge.model.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TvaeModelTest {
  private static ModelFixtures fixture;

  @BeforeAll
  static void buildFixture() {
    fixture = ModelFixtures.build();
  }

  private static GenerativeModel model(long seed) {
    TvaeFamily family = new TvaeFamily();
    return family.create(family.spec(Map.of()), fixture.transformer(), seed);
  }

  @Test
  void isRegistered() {
    assertEquals("tvae", ModelFamilies.named("tvae").name());
  }

  @Test
  void stateRoundTripsExactly() {
    GenerativeModel model = model(1);
    model.step(fixture.data(), 64, new SplittableRandom(3));
    ModelState state = model.state();
    GenerativeModel other = model(2);
    other.load(state);
    assertEquals(state, other.state());
    // Same state, same random: the same step.
    model.step(fixture.data(), 64, new SplittableRandom(4));
    other.step(fixture.data(), 64, new SplittableRandom(4));
    assertEquals(model.state(), other.state());
  }

  @Test
  void loadRejectsAStateOfAnotherSize() {
    GenerativeModel model = model(1);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> model.load(ModelState.of(new float[3], new float[6], 0)));
    assertTrue(error.getMessage().startsWith("Cannot load a state into tvae model: expected "), error.getMessage());
  }

  @Test
  void sameSeedGivesIdenticalParameters() {
    GenerativeModel first = model(5);
    GenerativeModel second = model(5);
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    for (int i = 0; i < 20; i++) {
      first.step(fixture.data(), 100, a);
      second.step(fixture.data(), 100, b);
    }
    assertArrayEquals(first.state().parameters(), second.state().parameters());
    assertArrayEquals(first.state().updaterState(), second.state().updaterState());
  }

  /**
   * Loss falls and the categorical marginals come back. Tolerance: with 2,000 generated rows the sampling error
   * alone of a share is at most about 0.011 (one standard deviation at p = 0.5), so a total-variation distance of
   * a 2-4 category column stays under ~0.03 from sampling. A briefly trained TVAE (1,500 small steps) is known to
   * under-sample a rare category (here the 10% city tends to vanish, TVD ~0.10), so the bound is 0.15 per column
   * and 0.08 on average; a model that ignores the data fails it (uniform shares are at TVD 0.27, 0.17 and 0.31).
   */
  @Test
  void learnsTheFixture() {
    TvaeFamily family = new TvaeFamily();
    GenerativeModel model = family.create(family.spec(Map.of("embedding-dim", "32", "compress-dims", "64,64",
        "decompress-dims", "64,64", "learning-rate", "3e-3")), fixture.transformer(), 7);
    List<TrainingData> parts = fixture.data().split(0.2, 3);
    TrainingData train = parts.get(0);
    TrainingData held = parts.get(1);
    SplittableRandom random = new SplittableRandom(11);
    double validationBefore = model.validationLoss(held, new SplittableRandom(1));
    double first = 0;
    double last = 0;
    for (int i = 0; i < 1500; i++) {
      double loss = model.step(train, 100, random).get("loss");
      if (i < 20) {
        first += loss / 20;
      }
      if (i >= 1480) {
        last += loss / 20;
      }
    }
    assertTrue(last < first * 0.7, "loss fell from " + first + " to " + last);
    double validationAfter = model.validationLoss(held, new SplittableRandom(1));
    assertTrue(validationAfter < validationBefore, validationBefore + " -> " + validationAfter);
    int rows = 2000;
    OutputLayout layout = model.layout();
    float[] out = new float[rows * layout.width()];
    model.generate(rows, null, new SplittableRandom(12), out);
    double sum = 0;
    int columns = 0;
    for (int s = 0; s < layout.spans().size(); s++) {
      Span span = layout.spans().get(s);
      if (span.isConditionable()) {
        double tvd = ModelFixtures.totalVariation(ModelFixtures.shares(fixture.data(), s),
            ModelFixtures.shares(layout, s, out, rows));
        assertTrue(tvd < 0.15, span.column() + " TVD " + tvd);
        sum += tvd;
        columns++;
      }
    }
    assertTrue(sum / columns < 0.08, "mean TVD " + sum / columns);
    for (int i = 0; i < out.length; i++) {
      assertTrue(out[i] >= -1f && out[i] <= 1f, "feature in [-1, 1]");
    }
    // A condition holds on every row.
    int city = 0;
    GenerationCondition condition = GenerationCondition.of(city, 2);
    model.generate(300, condition, new SplittableRandom(13), out);
    assertEquals(1.0, ModelFixtures.shares(layout, city, out, 300)[2], 1e-9);
  }

  @Test
  void rejectsAConditionOnANonConditionableSpan() {
    GenerativeModel model = model(1);
    int modeSpan = -1;
    List<Span> spans = model.layout().spans();
    for (int s = 0; s < spans.size(); s++) {
      if (spans.get(s).isOneHot() && !spans.get(s).isConditionable()) {
        modeSpan = s;
      }
    }
    GenerationCondition condition = GenerationCondition.of(modeSpan, 0);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> model.generate(10, condition, new SplittableRandom(1), new float[10 * model.layout().width()]));
    assertTrue(error.getMessage().contains("is not a conditionable one-hot span"), error.getMessage());
  }

  @Test
  void defaultsCoverTheSpec() {
    ModelSpec spec = new TvaeFamily().spec(Map.of("compress-dims", "64"));
    assertEquals("64", spec.text("compress-dims"));
    assertTrue(spec.values().keySet().containsAll(List.of("embedding-dim", "loss-factor", "weight-decay")));
  }
}
