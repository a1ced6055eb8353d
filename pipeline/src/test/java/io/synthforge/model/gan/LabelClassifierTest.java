package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.nn.Adam;
import io.synthforge.model.nn.Blas;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The auxiliary classifier: it learns a label planted in one column and ignores the label span of its input, and
 * the generator's term has the gradient of its value (checked against central differences).
 */
class LabelClassifierTest {
  /** Rows [signal, noise, label 0, label 1, noise]: the label is 1 when the signal is positive. */
  private static final int WIDTH = 5;
  private static final int LABEL_OFFSET = 2;

  private static float[] plantedRows(int rows, SplittableRandom random) {
    float[] x = new float[rows * WIDTH];
    for (int r = 0; r < rows; r++) {
      float signal = (float) random.nextDouble(-1, 1);
      x[r * WIDTH] = signal;
      x[r * WIDTH + 1] = (float) random.nextDouble(-1, 1);
      x[r * WIDTH + LABEL_OFFSET + (signal > 0 ? 1 : 0)] = 1f;
      x[r * WIDTH + 4] = (float) random.nextDouble(-1, 1);
    }
    return x;
  }

  @Test
  void learnsThePlantedLabelFromTheOtherColumns() {
    Blas blas = new Blas();
    SplittableRandom random = new SplittableRandom(1);
    LabelClassifier classifier = new LabelClassifier(WIDTH, LABEL_OFFSET, 2, new int[] {16});
    classifier.initialise(random);
    Adam adam = new Adam(classifier.parameters(), 1e-2, 0.9, 0.999, 1e-8, 0);
    double first = 0;
    double last = 0;
    for (int step = 1; step <= 300; step++) {
      classifier.parameters().zeroGradients();
      last = classifier.fit(blas, plantedRows(64, random), WIDTH, 64);
      first = step == 1 ? last : first;
      adam.step(step);
    }
    assertTrue(first > 0.5 && last < 0.15, "cross-entropy " + first + " -> " + last);

    // Rows whose label span says the opposite of their signal: the prediction reads the signal, not the span.
    float[] flipped = plantedRows(200, new SplittableRandom(2));
    for (int r = 0; r < 200; r++) {
      float zero = flipped[r * WIDTH + LABEL_OFFSET];
      flipped[r * WIDTH + LABEL_OFFSET] = flipped[r * WIDTH + LABEL_OFFSET + 1];
      flipped[r * WIDTH + LABEL_OFFSET + 1] = zero;
    }
    float[] gradient = new float[200 * WIDTH];
    double wrong = classifier.guide(blas, flipped, 200, 1f, gradient);
    assertTrue(wrong > 2, "cross-entropy of wrongly labelled rows " + wrong);
  }

  @Test
  void theGuideGradientIsTheDerivativeOfItsValue() {
    Blas blas = new Blas();
    LabelClassifier classifier = new LabelClassifier(WIDTH, LABEL_OFFSET, 2, new int[] {8, 6});
    classifier.initialise(new SplittableRandom(3));
    int rows = 4;
    float[] x = plantedRows(rows, new SplittableRandom(4));
    // Soft labels, as the generator's gumbel-softmax gives them.
    for (int r = 0; r < rows; r++) {
      x[r * WIDTH + LABEL_OFFSET] = 0.3f + 0.1f * r;
      x[r * WIDTH + LABEL_OFFSET + 1] = 0.7f - 0.1f * r;
    }
    float weight = 0.8f;
    float[] gradient = new float[rows * WIDTH];
    classifier.guide(blas, x, rows, weight, gradient);
    float h = 1e-3f;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = saved + h;
      double up = classifier.guide(blas, x, rows, weight, new float[rows * WIDTH]);
      x[i] = saved - h;
      double down = classifier.guide(blas, x, rows, weight, new float[rows * WIDTH]);
      x[i] = saved;
      assertEquals((up - down) / (2 * h), gradient[i], 2e-3, "position " + i);
    }
  }
}
