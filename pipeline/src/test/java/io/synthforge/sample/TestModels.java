package io.synthforge.sample;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.transform.TableTransformer;
import java.util.SplittableRandom;

/** {@link ModelFactory}s of test models, injected into {@link SampleJob} instead of registering a family. */
public final class TestModels {
  private TestModels() {}

  /** Frequency models that miss a condition with probability {@code missRate}. */
  public static ModelFactory frequencies(double missRate) {
    return new Frequencies(missRate);
  }

  /** Frequency models that throw once they have generated more than {@code rows} rows (e.g. inside chunk 2). */
  public static ModelFactory failingAfter(long rows) {
    return new FailingAfter(rows);
  }

  private static final class Frequencies implements ModelFactory {
    private static final long serialVersionUID = 1L;
    private final double missRate;

    Frequencies(double missRate) {
      this.missRate = missRate;
    }

    @Override
    public GenerativeModel create(ModelSnapshot snapshot, TableTransformer transformer) {
      return new FrequencyModel(transformer, missRate);
    }
  }

  private static final class FailingAfter implements ModelFactory {
    private static final long serialVersionUID = 1L;
    private final long rows;

    FailingAfter(long rows) {
      this.rows = rows;
    }

    @Override
    public GenerativeModel create(ModelSnapshot snapshot, TableTransformer transformer) {
      return new FrequencyModel(transformer, 0) {
        private long generated;

        @Override
        public void generate(int count, GenerationCondition condition, SplittableRandom random, float[] out) {
          generated += count;
          if (generated > rows) {
            throw new IllegalStateException("Cannot generate: the test model fails on purpose after " + rows + " rows");
          }
          super.generate(count, condition, random, out);
        }
      };
    }
  }
}
