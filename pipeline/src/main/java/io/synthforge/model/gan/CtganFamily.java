package io.synthforge.model.gan;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * CTGAN (Xu et al. 2019), as in the reference implementation ({@code conditioning=none}, the default), or with its
 * generator conditioned on the label ({@code conditioning=label}): see {@link CtganModel}. The default stays the
 * reference's because the label-conditioned generator scored lower utility on Adult (docs/benchmarks.md, session 4).
 * {@code mode-conditions} (default {@code none}, the reference's) names continuous columns whose mode spans join the
 * training conditions (see {@link ConditionSampler}). Tried on Adult because the synthetic label depends too weakly
 * on capital-gain's rare large modes: it fixed the modes' row counts (shapes 0.941) but not that label dependence
 * (docs/benchmarks.md, session 6), so it is not the default.
 * {@code classifier-weight} (default 0, the reference's) adds CTAB-GAN's auxiliary classifier of the label (see
 * {@link CtganModel}).
 * Batch size and epochs are the training engine's; the batch must be a multiple of {@code pac}.
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
    values.put("conditioning", "none");
    values.put("mode-conditions", "none");
    values.put("classifier-weight", "0");
    values.put("classifier-dims", "128,128");
    values.put("classifier-guide", "joint");
    values.put("generator-ema", "0");
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
      throw new UsageException("Cannot use ctgan's conditioning '" + conditioning + "': expected label or none");
    }
    OptionalInt label = conditioning.equals("label") ? transformer.labelSpan() : OptionalInt.empty();
    if (label.isPresent() && !modeColumns(spec).isEmpty()) {
      throw new UsageException("Cannot use ctgan's mode-conditions with conditioning=label: the label's joint shares"
          + " cover the conditionable columns only; set mode-conditions=none or conditioning=none");
    }
    int classified = classifiedSpan(spec, transformer);
    if (label.isPresent() && classified >= 0 && guidesLabelOnly(spec)) {
      throw new UsageException("Cannot use ctgan's classifier-guide=label with conditioning=label: the generator reads"
          + " the label instead of generating it; set classifier-guide=joint or conditioning=none");
    }
    if (label.isEmpty()) {
      return new CtganModel(spec, transformer, seed, -1, null, null, classified);
    }
    OutputLayout layout = transformer.layout();
    List<Span> conditionable = layout.conditionableSpans();
    long[][] categoryFrequencies = new long[conditionable.size()][];
    for (int c = 0; c < conditionable.size(); c++) {
      categoryFrequencies[c] = frequencies(transformer, conditionable.get(c));
    }
    return new CtganModel(spec, transformer, seed, label.getAsInt(),
        frequencies(transformer, layout.spans().get(label.getAsInt())), categoryFrequencies, classified);
  }

  /**
   * Whether the classifier's loss reaches only the generated label ({@code classifier-guide=label}) rather than the
   * label and the other values together ({@code joint}, CTAB-GAN's).
   */
  static boolean guidesLabelOnly(ModelSpec spec) {
    String guide = spec.text("classifier-guide");
    if (!guide.equals("joint") && !guide.equals("label")) {
      throw new UsageException("Cannot use ctgan's classifier-guide '" + guide + "': expected joint or label");
    }
    return guide.equals("label");
  }

  /** The label span the auxiliary classifier predicts, or -1 when {@code classifier-weight} is 0. */
  private static int classifiedSpan(ModelSpec spec, TableTransformer transformer) {
    double weight = spec.doubleValue("classifier-weight");
    if (!(weight >= 0)) {
      throw new UsageException("Cannot use ctgan's classifier-weight " + weight + ": it must be 0 (off) or positive");
    }
    if (weight == 0) {
      return -1;
    }
    OptionalInt label = transformer.labelSpan();
    if (label.isEmpty()) {
      throw new UsageException("Cannot use ctgan's classifier-weight without a categorical label column: ingest with"
          + " --label COLUMN or set classifier-weight=0");
    }
    if (spec.intList("classifier-dims").length == 0) {
      throw new UsageException("Cannot build ctgan's classifier without classifier-dims: give at least one");
    }
    return label.getAsInt();
  }

  /** The fitted counts of a conditionable span's categories (uniform when its transform keeps none). */
  private static long[] frequencies(TableTransformer transformer, Span span) {
    ColumnTransform transform = transformer.transform(span.column());
    if (transform instanceof CategoricalTransform) {
      return ((CategoricalTransform) transform).frequencies();
    }
    long[] uniform = new long[span.width()];
    Arrays.fill(uniform, 1);
    return uniform;
  }

  /**
   * The continuous columns whose mode spans join the training conditions ({@code mode-conditions}: {@code none} or
   * column names separated by commas).
   */
  static List<String> modeColumns(ModelSpec spec) {
    String value = spec.text("mode-conditions").trim();
    if (value.equals("none")) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    for (String part : value.split(",")) {
      columns.add(part.trim());
    }
    return columns;
  }

  /**
   * Bundles written before {@code conditioning} existed hold a generator that does not read the label; before
   * {@code mode-conditions}, one whose conditions were the conditionable spans only.
   */
  @Override
  public Map<String, String> valuesBeforeTheyExisted() {
    return Map.of("conditioning", "none", "mode-conditions", "none", "classifier-weight", "0",
        "classifier-dims", "128,128", "classifier-guide", "joint", "generator-ema", "0");
  }

  @Override
  public void checkBatch(ModelSpec spec, int batchPerWorker) {
    int pac = spec.intValue("pac");
    if (batchPerWorker % pac != 0) {
      throw new UsageException("Cannot train ctgan with --batch-per-worker " + batchPerWorker
          + ": it must be a multiple of pac (" + pac + ")");
    }
  }
}
