package io.synthforge.model.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.UsageException;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * tvae's {@code decoder-ema}: the state carries a moving average of the model's values over its steps, generation
 * runs that average, and training goes on from the last values.
 */
class TvaeEmaTest {
  private static final ModelFixtures FIXTURE = ModelFixtures.build();

  private static TvaeModel model(String decay, long seed) {
    TvaeFamily family = new TvaeFamily();
    Map<String, String> overrides = new HashMap<>(Map.of("embedding-dim", "16", "compress-dims", "32,32",
        "decompress-dims", "32,32"));
    overrides.put("decoder-ema", decay);
    return (TvaeModel) family.create(family.spec(overrides), FIXTURE.transformer(), seed);
  }

  @Test
  void theStateCarriesTheMovingAverageOfTheSteps() {
    TvaeModel reference = model("0", 1);
    TvaeModel averaged = model("0.9", 1);
    int size = reference.state().parameterCount();
    assertEquals(2 * size, averaged.state().parameterCount());
    double[] expected = new double[size];
    float[] start = averaged.state().parameters();
    for (int i = 0; i < size; i++) {
      expected[i] = start[i];
    }
    SplittableRandom random = new SplittableRandom(3);
    SplittableRandom same = new SplittableRandom(3);
    for (int step = 0; step < 5; step++) {
      averaged.step(FIXTURE.data(), 50, random);
      reference.step(FIXTURE.data(), 50, same);
      float[] values = averaged.state().parameters();
      for (int i = 0; i < size; i++) {
        expected[i] = 0.9 * expected[i] + 0.1 * values[i];
      }
    }
    float[] values = averaged.state().parameters();
    // The training values are the reference model's: the average does not steer training.
    assertArrayEquals(reference.state().parameters(), Arrays.copyOf(values, size));
    for (int i = 0; i < size; i++) {
      assertEquals(expected[i], values[size + i], 1e-5, "value " + i);
    }
  }

  @Test
  void generationRunsTheAverageAndLeavesTheTrainingValues() {
    TvaeModel averaged = model("0.9", 1);
    SplittableRandom random = new SplittableRandom(3);
    for (int step = 0; step < 5; step++) {
      averaged.step(FIXTURE.data(), 50, random);
    }
    ModelState state = averaged.state();
    int size = state.parameterCount() / 2;
    TvaeModel holdsTheAverage = model("0", 2);
    holdsTheAverage.load(ModelState.wrap(Arrays.copyOfRange(state.parameters(), size, 2 * size),
        holdsTheAverage.state().updaterState(), state.steps()));
    int width = FIXTURE.transformer().layout().width();
    float[] expected = new float[300 * width];
    float[] actual = new float[300 * width];
    holdsTheAverage.generate(300, null, new SplittableRandom(8), expected);
    averaged.generate(300, null, new SplittableRandom(8), actual);
    assertArrayEquals(expected, actual);
    assertEquals(state, averaged.state(), "generating leaves the state as it was");

    TvaeModel holdsTheLast = model("0", 2);
    holdsTheLast.load(ModelState.wrap(Arrays.copyOf(state.parameters(), size), holdsTheLast.state().updaterState(),
        state.steps()));
    float[] last = new float[300 * width];
    holdsTheLast.generate(300, null, new SplittableRandom(8), last);
    assertFalse(Arrays.equals(last, actual));
  }

  @Test
  void rejectsADecayOutsideTheUnitInterval() {
    UsageException error = assertThrows(UsageException.class, () -> model("1", 1));
    assertEquals("Cannot use tvae's decoder-ema 1.0: it must be 0 (off) or a decay in (0, 1), such as 0.999",
        error.getMessage());
  }
}
