package io.synthforge.train;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deliberately small generative model for testing the training engine quickly: independent marginals (a
 * mean per scalar span, softmax logits per one-hot span) fitted by Adam on cross-entropy and squared error.
 * A real model, trained and sampled through the real engine; only its capacity is tiny.
 */
public final class MeanFieldFamily implements ModelFamily {
  @Override
  public String name() {
    return "meanfield";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("lr", "0.05", "beta1", "0.9", "beta2", "0.999");
  }

  @Override
  public GenerativeModel create(ModelSpec spec, TableTransformer transformer, long seed) {
    return new Model(spec, transformer.layout(), seed);
  }

  private static final class Model implements GenerativeModel {
    private final ModelSpec spec;
    private final OutputLayout layout;
    private final float[] theta;
    private final float[] m;
    private final float[] v;
    private final float[] grad;
    private long steps;
    private final float[] dense;

    Model(ModelSpec spec, OutputLayout layout, long seed) {
      this.spec = spec;
      this.layout = layout;
      this.theta = new float[layout.width()];
      this.m = new float[theta.length];
      this.v = new float[theta.length];
      this.grad = new float[theta.length];
      this.dense = new float[layout.width()];
      SplittableRandom init = new SplittableRandom(seed);
      for (int i = 0; i < theta.length; i++) {
        theta[i] = (float) (0.01 * init.nextGaussian());
      }
    }

    @Override
    public String family() {
      return "meanfield";
    }

    @Override
    public ModelSpec spec() {
      return spec;
    }

    @Override
    public OutputLayout layout() {
      return layout;
    }

    private double lossAndGradient(TrainingData data, int[] rows) {
      java.util.Arrays.fill(grad, 0f);
      double loss = 0;
      for (int row : rows) {
        data.denseRow(row, dense, 0);
        for (Span span : layout.spans()) {
          int o = span.offset();
          if (!span.isOneHot()) {
            double diff = theta[o] - dense[o];
            loss += diff * diff;
            grad[o] += (float) (2 * diff / rows.length);
            continue;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < span.width(); k++) {
            max = Math.max(max, theta[o + k]);
          }
          double sum = 0;
          for (int k = 0; k < span.width(); k++) {
            sum += Math.exp(theta[o + k] - max);
          }
          for (int k = 0; k < span.width(); k++) {
            double p = Math.exp(theta[o + k] - max) / sum;
            grad[o + k] += (float) ((p - dense[o + k]) / rows.length);
            if (dense[o + k] > 0.5f) {
              loss -= Math.log(Math.max(p, 1e-12));
            }
          }
        }
      }
      return loss / rows.length;
    }

    @Override
    public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
      int[] rows = new int[batchSize];
      for (int i = 0; i < batchSize; i++) {
        rows[i] = data.randomRow(random);
      }
      double loss = lossAndGradient(data, rows);
      steps++;
      double lr = spec.doubleValue("lr");
      double b1 = spec.doubleValue("beta1");
      double b2 = spec.doubleValue("beta2");
      for (int i = 0; i < theta.length; i++) {
        m[i] = (float) (b1 * m[i] + (1 - b1) * grad[i]);
        v[i] = (float) (b2 * v[i] + (1 - b2) * grad[i] * grad[i]);
        double mHat = m[i] / (1 - Math.pow(b1, steps));
        double vHat = v[i] / (1 - Math.pow(b2, steps));
        theta[i] -= (float) (lr * mHat / (Math.sqrt(vHat) + 1e-8));
      }
      return Map.of("loss", loss);
    }

    @Override
    public double validationLoss(TrainingData data, SplittableRandom random) {
      int[] rows = new int[data.rows()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = i;
      }
      return lossAndGradient(data, rows);
    }

    @Override
    public ModelState state() {
      float[] updater = new float[2 * theta.length];
      System.arraycopy(m, 0, updater, 0, m.length);
      System.arraycopy(v, 0, updater, m.length, v.length);
      return ModelState.wrap(theta.clone(), updater, steps);
    }

    @Override
    public void load(ModelState state) {
      state.copyParametersTo(theta);
      float[] updater = state.updaterState();
      System.arraycopy(updater, 0, m, 0, m.length);
      System.arraycopy(updater, m.length, v, 0, v.length);
      steps = state.steps();
    }

    @Override
    public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
      int width = layout.width();
      java.util.List<Span> spans = layout.spans();
      for (int r = 0; r < rows; r++) {
        for (int s = 0; s < spans.size(); s++) {
          Span span = spans.get(s);
          int o = span.offset();
          if (!span.isOneHot()) {
            out[r * width + o] = (float) Math.max(-1, Math.min(1, theta[o] + 0.05 * random.nextGaussian()));
            continue;
          }
          int chosen;
          if (condition != null && condition.spanIndex() == s) {
            chosen = condition.category();
          } else {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < span.width(); k++) {
              max = Math.max(max, theta[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < span.width(); k++) {
              sum += Math.exp(theta[o + k] - max);
            }
            double u = random.nextDouble() * sum;
            chosen = span.width() - 1;
            for (int k = 0; k < span.width(); k++) {
              u -= Math.exp(theta[o + k] - max);
              if (u <= 0) {
                chosen = k;
                break;
              }
            }
          }
          for (int k = 0; k < span.width(); k++) {
            out[r * width + o + k] = k == chosen ? 1f : 0f;
          }
        }
      }
    }
  }
}
