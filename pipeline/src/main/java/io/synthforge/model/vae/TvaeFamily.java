package io.synthforge.model.vae;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

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
    values.put("conditioning", "label");
    values.put("decoder-ema", "0");
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
    String conditioning = spec.text("conditioning");
    if (!conditioning.equals("label") && !conditioning.equals("none")) {
      throw new UsageException("Cannot use tvae's conditioning '" + conditioning + "': expected label or none");
    }
    OptionalInt label = conditioning.equals("label") ? transformer.labelSpan() : OptionalInt.empty();
    if (label.isEmpty()) {
      return new TvaeModel(spec, transformer.layout(), seed);
    }
    Span span = transformer.layout().spans().get(label.getAsInt());
    long[] frequencies = ((CategoricalTransform) transformer.transform(span.column())).frequencies();
    return new TvaeModel(spec, transformer.layout(), seed, label.getAsInt(), frequencies);
  }

  /** Bundles written before {@code conditioning} existed hold an unconditioned decoder. */
  @Override
  public Map<String, String> valuesBeforeTheyExisted() {
    return Map.of("conditioning", "none", "decoder-ema", "0");
  }
}
