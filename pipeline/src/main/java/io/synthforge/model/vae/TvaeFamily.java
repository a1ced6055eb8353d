package io.synthforge.model.vae;

import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.transform.TableTransformer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TVAE (Xu et al. 2019), as in the reference implementation: see {@link TvaeModel}. Batch size and epochs are
 * the training engine's, not hyperparameters of the family.
 */
public final class TvaeFamily implements ModelFamily {
  /** The family's name. */
  public static final String NAME = "tvae";

  private static final Map<String, String> DEFAULTS = defaultValues();

  private static Map<String, String> defaultValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("embedding-dim", "128");
    values.put("compress-dims", "128,128");
    values.put("decompress-dims", "128,128");
    values.put("learning-rate", "1e-3");
    values.put("beta1", "0.9");
    values.put("beta2", "0.999");
    values.put("adam-epsilon", "1e-8");
    values.put("weight-decay", "1e-5");
    values.put("loss-factor", "2");
    values.put("sigma-init", "0.1");
    values.put("sigma-min", "0.01");
    values.put("sigma-max", "1.0");
    values.put("condition-tries", "50");
    values.put("categorical-sampling", "softmax");
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
    return new TvaeModel(spec, transformer.layout(), seed);
  }
}
