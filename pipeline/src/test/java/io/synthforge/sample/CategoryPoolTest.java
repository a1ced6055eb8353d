package io.synthforge.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pool of unconditioned rows sorted by category, over a model that numbers its rows. */
class CategoryPoolTest {
  private static final Span LABEL = Span.oneHot("label", 1, List.of("a", "b", "c"), true);
  private static final int WIDTH = 4;

  @Test
  void everyRowHasItsCategoryAndNoRowIsHandedOutTwice() {
    NumberedRows model = new NumberedRows(new double[] {0.7, 0.25, 0.05});
    CategoryPool pool = new CategoryPool(model, WIDTH, LABEL, new double[] {7, 2.5, 0.5}, 1_000);
    SplittableRandom random = new SplittableRandom(1);
    Set<Float> handedOut = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      int[] want = {round % 3 == 0 ? 300 : 0, 80, 7};
      float[][] out = {new float[want[0] * WIDTH], new float[want[1] * WIDTH], new float[want[2] * WIDTH]};
      int[] filled = pool.take(want, out, 4, random);
      assertArrayEquals(want, filled, "round " + round);
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < want[k]; r++) {
          assertEquals(1f, out[k][r * WIDTH + 1 + k], "category of row " + r + " taken for " + k);
          assertTrue(handedOut.add(out[k][r * WIDTH]), "row " + out[k][r * WIDTH] + " handed out twice");
        }
      }
    }
  }

  @Test
  void rowsOneRequestDidNotNeedServeTheNextBeforeNewOnesAreDrawn() {
    NumberedRows model = new NumberedRows(new double[] {0.5, 0.5, 0});
    CategoryPool pool = new CategoryPool(model, WIDTH, LABEL, new double[] {1, 1, 0}, 1_000);
    SplittableRandom random = new SplittableRandom(2);
    pool.take(new int[] {100, 0, 0}, new float[][] {new float[100 * WIDTH], null, null}, 4, random);
    long drawn = model.generated;
    assertTrue(drawn >= 200, "category b came up about as often as a, and was kept: " + drawn);

    int[] filled = pool.take(new int[] {0, 50, 0}, new float[][] {null, new float[50 * WIDTH], null}, 4, random);
    assertEquals(50, filled[1]);
    assertEquals(drawn, model.generated, "served from the kept rows of b");

    pool.clear();
    pool.take(new int[] {0, 50, 0}, new float[][] {null, new float[50 * WIDTH], null}, 4, random);
    assertTrue(model.generated > drawn, "a cleared pool draws again");
  }

  @Test
  void aCategoryTheModelNeverGeneratesComesBackShortAfterTheAllowedBlocks() {
    NumberedRows model = new NumberedRows(new double[] {0.9, 0.1, 0});
    CategoryPool pool = new CategoryPool(model, WIDTH, LABEL, new double[] {9, 1, 0.001}, 1_000);
    int[] filled = pool.take(new int[] {0, 0, 5}, new float[][] {null, null, new float[5 * WIDTH]}, 3,
        new SplittableRandom(3));
    assertEquals(0, filled[2]);
    assertTrue(model.calls == 3 && model.generated <= 3L * CategoryPool.MAX_BLOCK, model.calls + " calls, "
        + model.generated + " rows");
  }

  @Test
  void theSameRandomStreamGivesTheSameRows() {
    float[][] first = takeTwice(new SplittableRandom(7));
    float[][] second = takeTwice(new SplittableRandom(7));
    for (int k = 0; k < first.length; k++) {
      assertArrayEquals(first[k], second[k]);
    }
  }

  private static float[][] takeTwice(SplittableRandom random) {
    CategoryPool pool = new CategoryPool(new NumberedRows(new double[] {0.6, 0.3, 0.1}), WIDTH, LABEL,
        new double[] {6, 3, 1}, 500);
    pool.take(new int[] {200, 100, 30}, new float[][] {new float[800], new float[400], new float[120]}, 4, random);
    float[][] out = {new float[40], new float[400], new float[400]};
    pool.take(new int[] {10, 100, 100}, out, 4, random);
    return out;
  }

  @Test
  void frequenciesMustMatchTheSpan() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CategoryPool(new NumberedRows(new double[] {1, 0, 0}), WIDTH, LABEL, new double[] {1, 1}, 10));
    assertEquals("Cannot pool rows by span " + LABEL + ": 2 frequencies for 3 categories", e.getMessage());
  }

  /** Rows [serial number | one-hot label], the label drawn with fixed probabilities. */
  private static final class NumberedRows implements GenerativeModel {
    private final double[] probabilities;
    private long generated;
    private int calls;

    NumberedRows(double[] probabilities) {
      this.probabilities = probabilities;
    }

    @Override
    public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
      assertEquals(rows * WIDTH, out.length, "exactly the rows asked for");
      calls++;
      for (int r = 0; r < rows; r++) {
        double u = random.nextDouble();
        int k = 0;
        while (k < probabilities.length - 1 && u >= probabilities[k]) {
          u -= probabilities[k++];
        }
        out[r * WIDTH] = generated++;
        for (int j = 0; j < 3; j++) {
          out[r * WIDTH + 1 + j] = j == k ? 1f : 0f;
        }
      }
    }

    @Override
    public String family() {
      return "numbered";
    }

    @Override
    public ModelSpec spec() {
      throw new UnsupportedOperationException();
    }

    @Override
    public OutputLayout layout() {
      return OutputLayout.of(List.of(Span.scalar("id", 0), LABEL));
    }

    @Override
    public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double validationLoss(TrainingData data, SplittableRandom random) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ModelState state() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void load(ModelState state) {}
  }
}
