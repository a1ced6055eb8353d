package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.nn.Blas;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generation pass (batch norm folded, one-hot inputs as weight rows) computes the generator's evaluation-mode
 * function: the same raw outputs as {@link Generator#forward} for the same noise and one-hot inputs, with batch-norm
 * statistics and affine parameters far from their initial identity.
 */
class FoldedGeneratorTest {
  private static final int NOISE = 8;
  private static final int CONDITION = 5;
  private static final int LABEL = 2;
  private static final int OUTPUT = 7;
  private static final int ROWS = 37;

  @Test
  void generationPassMatchesTheGeneratorInEvaluationMode() {
    Generator generator = new Generator(NOISE + CONDITION + LABEL, new int[] {16, 12}, OUTPUT, 0.1, 1e-5);
    SplittableRandom random = new SplittableRandom(3);
    generator.initialise(random);
    // Move every value, batch-norm gammas, betas and running statistics included, off its initial value
    // (running variances must stay positive).
    float[] values = generator.parameters().values();
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(0.2, 1.5);
    }
    Blas blas = new Blas();
    generator.ensureCapacity(ROWS);
    float[] input = generator.input();
    int[] hot = new int[2 * ROWS];
    FoldedGenerator folded = new FoldedGenerator(generator, NOISE, CONDITION + LABEL);
    float[] noise = folded.noise(ROWS);
    int width = NOISE + CONDITION + LABEL;
    Arrays.fill(input, 0f);
    for (int r = 0; r < ROWS; r++) {
      for (int i = 0; i < NOISE; i++) {
        float z = (float) random.nextGaussian();
        input[r * width + i] = z;
        noise[r * NOISE + i] = z;
      }
      hot[2 * r] = random.nextInt(CONDITION);
      hot[2 * r + 1] = CONDITION + random.nextInt(LABEL);
      input[r * width + NOISE + hot[2 * r]] = 1f;
      input[r * width + NOISE + hot[2 * r + 1]] = 1f;
    }
    generator.forward(blas, ROWS, false);
    folded.refresh();
    folded.forward(blas, ROWS, hot, 2);

    float[] expected = generator.output();
    float[] actual = folded.output();
    double largest = 0;
    for (int i = 0; i < ROWS * OUTPUT; i++) {
      largest = Math.max(largest, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "output " + i);
    }
    assertTrue(largest > 1, "the outputs are not trivially small: " + largest);
  }

  @Test
  void refreshFollowsChangedParameters() {
    Generator generator = new Generator(NOISE, new int[] {6}, OUTPUT, 0.1, 1e-5);
    generator.initialise(new SplittableRandom(5));
    FoldedGenerator folded = new FoldedGenerator(generator, NOISE, 0);
    Blas blas = new Blas();
    Arrays.fill(folded.noise(1), 1f);
    folded.refresh();
    folded.forward(blas, 1, new int[0], 0);
    float before = folded.output()[0];
    generator.parameters().values()[generator.head().biasOffset()] += 2f;
    folded.forward(blas, 1, new int[0], 0);
    assertEquals(before, folded.output()[0], 0f, "without a refresh the pass keeps the folded parameters");
    folded.refresh();
    folded.forward(blas, 1, new int[0], 0);
    assertEquals(before + 2f, folded.output()[0], 1e-5f);
  }
}
