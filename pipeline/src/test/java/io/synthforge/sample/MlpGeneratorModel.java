package io.synthforge.sample;

import io.synthforge.model.GenerationCondition;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A benchmark stand-in for CTGAN's generator at its default size, with ND4J (OpenBLAS) doing the work: noise of
 * 128 plus the conditional vector, two residual layers of 256 (each output concatenated to its input, as CTGAN's
 * {@code Residual}) and a linear head over the whole feature width, then tanh on scalar spans and a hard one-hot
 * (argmax) on one-hot spans. Weights are random: it measures cost, not quality.
 */
final class MlpGeneratorModel extends FrequencyModel {
  private static final int NOISE = 128;
  private static final int HIDDEN = 256;

  private final OutputLayout layout;
  private final int conditionWidth;
  private final INDArray w1;
  private final INDArray w2;
  private final INDArray w3;

  MlpGeneratorModel(TableTransformer transformer, long seed) {
    super(transformer, 0);
    this.layout = transformer.layout();
    this.conditionWidth = layout.conditionWidth();
    Nd4j.getRandom().setSeed(seed);
    int in = NOISE + conditionWidth;
    this.w1 = Nd4j.randn(DataType.FLOAT, in, HIDDEN).muli(1.0 / Math.sqrt(in));
    this.w2 = Nd4j.randn(DataType.FLOAT, in + HIDDEN, HIDDEN).muli(1.0 / Math.sqrt(in + HIDDEN));
    this.w3 = Nd4j.randn(DataType.FLOAT, in + 2 * HIDDEN, layout.width()).muli(1.0 / Math.sqrt(in + 2 * HIDDEN));
  }

  @Override
  public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
    int in = NOISE + conditionWidth;
    float[] input = new float[rows * in];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < NOISE; i++) {
        input[r * in + i] = (float) gaussian(random);
      }
    }
    if (condition != null) {
      int offset = NOISE + conditionOffset(condition.spanIndex()) + condition.category();
      for (int r = 0; r < rows; r++) {
        input[r * in + offset] = 1f;
      }
    }
    INDArray x = Nd4j.create(input, new long[] {rows, in}, 'c');
    INDArray h1 = Transforms.relu(x.mmul(w1), false);
    INDArray x1 = Nd4j.hstack(x, h1);
    INDArray h2 = Transforms.relu(x1.mmul(w2), false);
    INDArray x2 = Nd4j.hstack(x1, h2);
    float[] raw = x2.mmul(w3).dup('c').data().asFloat();
    int width = layout.width();
    java.util.Arrays.fill(out, 0, rows * width, 0f);
    List<Span> spans = layout.spans();
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (Span span : spans) {
        int start = base + span.offset();
        if (!span.isOneHot()) {
          out[start] = (float) Math.tanh(raw[start]);
        } else {
          out[start + ChunkRows.argmax(raw, start, span.width())] = 1f;
        }
      }
    }
    if (condition != null) {
      // A trained CTGAN follows its condition; the random weights here do not, so emulate the trained behaviour.
      Span span = spans.get(condition.spanIndex());
      for (int r = 0; r < rows; r++) {
        int start = r * width + span.offset();
        java.util.Arrays.fill(out, start, start + span.width(), 0f);
        out[start + condition.category()] = 1f;
      }
    }
  }

  private int conditionOffset(int spanIndex) {
    int offset = 0;
    List<Span> spans = layout.spans();
    for (int s = 0; s < spanIndex; s++) {
      if (spans.get(s).isConditionable()) {
        offset += spans.get(s).width();
      }
    }
    return offset;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The parameter count, for the report. */
  long parameters() {
    return w1.length() + w2.length() + w3.length();
  }
}
