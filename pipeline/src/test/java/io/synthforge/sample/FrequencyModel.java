package io.synthforge.sample;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A real (if simple-minded) {@link GenerativeModel} for tests: every categorical span draws its category from the
 * transformer's training frequencies, every continuous column sits at the mean of its widest-mean mode. With a
 * condition, the conditioned span takes the category except with probability {@code missRate}, when it draws
 * freely (as an imperfect generator would), which exercises the sampler's redraws.
 */
class FrequencyModel implements GenerativeModel {
  static final String FAMILY = "frequency-test";

  private final TableTransformer transformer;
  private final OutputLayout layout;
  private final double[][] cumulative;
  private final int[] fixedMode;
  private final double missRate;

  FrequencyModel(TableTransformer transformer, double missRate) {
    this.transformer = transformer;
    this.layout = transformer.layout();
    this.missRate = missRate;
    List<Span> spans = layout.spans();
    this.cumulative = new double[spans.size()][];
    this.fixedMode = new int[spans.size()];
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      if (!span.isOneHot()) {
        continue;
      }
      ColumnTransform transform = transformer.transform(span.column());
      if (span.isConditionable() && transform instanceof CategoricalTransform) {
        long[] frequencies = ((CategoricalTransform) transform).frequencies();
        double total = Arrays.stream(frequencies).sum();
        cumulative[s] = new double[frequencies.length];
        double running = 0;
        for (int k = 0; k < frequencies.length; k++) {
          running += frequencies[k] / total;
          cumulative[s][k] = running;
        }
      } else {
        int mode = span.width() - 1;
        while (mode > 0 && span.labels().get(mode).equals(Span.NULL_LABEL)) {
          mode--;
        }
        fixedMode[s] = mode;
      }
    }
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public ModelSpec spec() {
    return ModelSpec.of(FAMILY, Map.of(), Map.of());
  }

  @Override
  public OutputLayout layout() {
    return layout;
  }

  @Override
  public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
    throw new UnsupportedOperationException("Cannot train the test model: it only samples");
  }

  @Override
  public double validationLoss(TrainingData data, SplittableRandom random) {
    return 0;
  }

  @Override
  public ModelState state() {
    return ModelState.of(new float[1], new float[1], 0);
  }

  @Override
  public void load(ModelState state) {
    // Nothing to load: the frequencies come from the transformer.
  }

  @Override
  public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
    int width = layout.width();
    if (out.length != rows * width) {
      throw new IllegalArgumentException("Cannot generate " + rows + " rows into " + out.length + " values");
    }
    Arrays.fill(out, 0f);
    List<Span> spans = layout.spans();
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int s = 0; s < spans.size(); s++) {
        Span span = spans.get(s);
        if (!span.isOneHot()) {
          out[base + span.offset()] = 0f;
        } else if (cumulative[s] == null) {
          out[base + span.offset() + fixedMode[s]] = 1f;
        } else if (condition != null && condition.spanIndex() == s && random.nextDouble() >= missRate) {
          out[base + span.offset() + condition.category()] = 1f;
        } else {
          double u = random.nextDouble();
          int k = 0;
          while (k < cumulative[s].length - 1 && u >= cumulative[s][k]) {
            k++;
          }
          out[base + span.offset() + k] = 1f;
        }
      }
    }
  }

  /** Exposed for factories. */
  TableTransformer transformer() {
    return transformer;
  }
}
