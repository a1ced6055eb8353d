package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.UsageException;
import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ctgan's {@code generator-ema}: the state carries a moving average of the generator's values over its steps, and
 * generation runs that average.
 */
class CtganEmaTest {
  private static final Map<String, String> SMALL = Map.of("embedding-dim", "32", "generator-dims", "64,64",
      "discriminator-dims", "64,64");
  private static final ModelFixtures FIXTURE = ModelFixtures.build();

  private static CtganModel model(String decay, long seed) {
    CtganFamily family = new CtganFamily();
    Map<String, String> overrides = new HashMap<>(SMALL);
    overrides.put("generator-ema", decay);
    return (CtganModel) family.create(family.spec(overrides), FIXTURE.transformer(), seed);
  }

  @Test
  void theStateCarriesTheMovingAverageOfTheGeneratorsSteps() {
    CtganModel reference = model("0", 1);
    CtganModel averaged = model("0.9", 1);
    int total = averaged.state().parameterCount();
    int generatorSize = total - reference.state().parameterCount();
    assertTrue(generatorSize > 0);
    // Before any step the average is the initial generator, and the rest of the state is the reference model's.
    float[] start = averaged.state().parameters();
    assertArrayEquals(reference.state().parameters(), Arrays.copyOf(start, reference.state().parameterCount()));
    double[] expected = new double[generatorSize];
    for (int i = 0; i < generatorSize; i++) {
      expected[i] = start[i];
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int step = 0; step < 5; step++) {
      averaged.step(FIXTURE.data(), 50, random);
      float[] values = averaged.state().parameters();
      for (int i = 0; i < generatorSize; i++) {
        expected[i] = 0.9 * expected[i] + 0.1 * values[i];
      }
    }
    float[] values = averaged.state().parameters();
    for (int i = 0; i < generatorSize; i++) {
      assertEquals(expected[i], values[total - generatorSize + i], 1e-5, "value " + i);
    }
  }

  @Test
  void generationRunsTheAverage() {
    CtganModel averaged = model("0.9", 1);
    SplittableRandom random = new SplittableRandom(3);
    for (int step = 0; step < 5; step++) {
      averaged.step(FIXTURE.data(), 50, random);
    }
    // A reference model whose generator holds the average generates exactly the averaged model's rows.
    ModelState state = averaged.state();
    CtganModel reference = model("0", 2);
    int referenceSize = reference.state().parameterCount();
    int generatorSize = state.parameterCount() - referenceSize;
    float[] values = Arrays.copyOf(state.parameters(), referenceSize);
    System.arraycopy(state.parameters(), referenceSize, values, 0, generatorSize);
    reference.load(ModelState.wrap(values, reference.state().updaterState(), state.steps()));
    int width = FIXTURE.transformer().layout().width();
    float[] expected = new float[300 * width];
    float[] actual = new float[300 * width];
    reference.generate(300, null, new SplittableRandom(8), expected);
    averaged.generate(300, null, new SplittableRandom(8), actual);
    assertArrayEquals(expected, actual);
    // And not the last values.
    CtganModel last = model("0", 2);
    last.load(ModelState.wrap(Arrays.copyOf(state.parameters(), referenceSize), last.state().updaterState(),
        state.steps()));
    float[] lastRows = new float[300 * width];
    last.generate(300, null, new SplittableRandom(8), lastRows);
    assertTrue(!Arrays.equals(lastRows, actual));
  }

  @Test
  void rejectsADecayOutsideTheUnitInterval() {
    UsageException error = assertThrows(UsageException.class, () -> model("1", 1));
    assertEquals("Cannot use ctgan's generator-ema 1.0: it must be 0 (off) or a decay in (0, 1), such as 0.999",
        error.getMessage());
  }
}
