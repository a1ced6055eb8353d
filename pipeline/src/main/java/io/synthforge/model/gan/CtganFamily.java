package io.synthforge.model.gan;

import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.transform.TableTransformer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CTGAN (Xu et al. 2019), as in the reference implementation: see {@link CtganModel}. Batch size and epochs are
 * the training engine's; the batch must be a multiple of {@code pac}.
 */
public final class CtganFamily implements ModelFamily {
  /** The family's name. */
  public static final String NAME = "ctgan";

  private static final Map<String, String> DEFAULTS = defaultValues();

  private static Map<String, String> defaultValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("embedding-dim", "128");
    values.put("generator-dims", "256,256");
    values.put("discriminator-dims", "256,256");
    values.put("generator-lr", "2e-4");
    values.put("generator-beta1", "0.5");
    values.put("generator-beta2", "0.9");
    values.put("generator-decay", "1e-6");
    values.put("discriminator-lr", "2e-4");
    values.put("discriminator-beta1", "0.5");
    values.put("discriminator-beta2", "0.9");
    values.put("discriminator-decay", "1e-6");
    values.put("adam-epsilon", "1e-8");
    values.put("discriminator-steps", "1");
    values.put("pac", "10");
    values.put("gumbel-tau", "0.2");
    values.put("gp-lambda", "10");
    values.put("leaky-slope", "0.2");
    values.put("dropout", "0.5");
    values.put("batch-norm-momentum", "0.1");
    values.put("batch-norm-epsilon", "1e-5");
    values.put("validation-rows", "10000");
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> defaults() {
    return new LinkedHashMap<>(DEFAULTS);
  }

  @Override
  public GenerativeModel create(ModelSpec spec, TableTransformer transformer, long seed) {
    spec.requireFamily(NAME);
    return new CtganModel(spec, transformer, seed);
  }

  @Override
  public void checkBatch(ModelSpec spec, int batchPerWorker) {
    int pac = spec.intValue("pac");
    if (batchPerWorker % pac != 0) {
      throw new io.synthforge.api.UsageException("Cannot train ctgan with --batch-per-worker " + batchPerWorker
          + ": it must be a multiple of pac (" + pac + ")");
    }
  }
}
