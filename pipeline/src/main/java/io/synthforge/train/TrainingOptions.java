package io.synthforge.train;

import io.synthforge.api.UsageException;
import io.synthforge.constraint.RelationsMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to train: the data, the family and its hyperparameters, the parameter-averaging layout, seeds,
 * checkpoints and early stopping. Immutable; {@link #describe()} is recorded in the model's provenance.
 */
public final class TrainingOptions {
  private final String dataset;
  private final String family;
  private final Map<String, String> hyperparameters;
  private final String out;
  private final int workers;
  private final int batchPerWorker;
  private final int averagingFrequency;
  private final double epochs;
  private final long seed;
  private final int checkpointEvery;
  private final boolean resume;
  private final boolean overwrite;
  private final double validationShare;
  private final double oversampleBelow;
  private final int validateEvery;
  private final int patience;
  private final List<String> constraints;
  private final RelationsMode relations;
  private final double maxConstraintViolations;

  private TrainingOptions(Builder builder) {
    this.constraints = List.copyOf(builder.constraints);
    this.relations = builder.relations;
    this.maxConstraintViolations = builder.maxConstraintViolations;
    this.dataset = builder.dataset;
    this.family = builder.family;
    this.hyperparameters = Map.copyOf(builder.hyperparameters);
    this.out = builder.out;
    this.workers = builder.workers;
    this.batchPerWorker = builder.batchPerWorker;
    this.averagingFrequency = builder.averagingFrequency;
    this.epochs = builder.epochs;
    this.seed = builder.seed;
    this.checkpointEvery = builder.checkpointEvery;
    this.resume = builder.resume;
    this.overwrite = builder.overwrite;
    this.validationShare = builder.validationShare;
    this.oversampleBelow = builder.oversampleBelow;
    this.validateEvery = builder.validateEvery;
    this.patience = builder.patience;
  }

  public static Builder builder(String dataset, String family, String out) {
    return new Builder(dataset, family, out);
  }

  /** The dataset directory written by ingest. */
  public String dataset() {
    return dataset;
  }

  /** The model family name. */
  public String family() {
    return family;
  }

  /** Hyperparameters overriding the family's defaults. */
  public Map<String, String> hyperparameters() {
    return hyperparameters;
  }

  /** The model directory (bundle and checkpoints). */
  public String out() {
    return out;
  }

  /** Parallel workers (Spark tasks) per round. */
  public int workers() {
    return workers;
  }

  /** Rows per local step on each worker. */
  public int batchPerWorker() {
    return batchPerWorker;
  }

  /** Local steps between two parameter averages. */
  public int averagingFrequency() {
    return averagingFrequency;
  }

  /** Passes over the training rows (fractions allowed). */
  public double epochs() {
    return epochs;
  }

  /** Root seed: initial weights, data split and every round's and worker's randomness derive from it. */
  public long seed() {
    return seed;
  }

  /** Rounds between checkpoints (the last round is always checkpointed). */
  public int checkpointEvery() {
    return checkpointEvery;
  }

  /** Whether to continue from the last complete checkpoint in {@link #out()}. */
  public boolean resume() {
    return resume;
  }

  /** Whether an existing model in {@link #out()} may be replaced. */
  public boolean overwrite() {
    return overwrite;
  }

  /** Share of the training rows held out for the validation signal (0 disables validation). */
  public double validationShare() {
    return validationShare;
  }

  /** Rounds between validation checks (0: about once per epoch). */
  public int validateEvery() {
    return validateEvery;
  }

  /** Validation checks without improvement before stopping early (0 disables early stopping). */
  /**
   * Every label category rarer than this share is drawn at this share of training batch rows (0: off); sampling
   * restores the real label rates by conditioning.
   */
  public double oversampleBelow() {
    return oversampleBelow;
  }

  public int patience() {
    return patience;
  }

  /** Declared constraints (their text), enforced on the generated rows; checked against the real rows first. */
  public List<String> constraints() {
    return constraints;
  }

  /**
   * What to do with the relations ingest found: null to follow what ingest recorded; {@code OFF} to ignore them,
   * {@code SUGGEST} to keep them for evaluation only, {@code ENFORCE} to enforce those with enforceable support.
   */
  public RelationsMode relations() {
    return relations;
  }

  /** The share of the real rows a declared constraint applies to that may break it before training refuses it. */
  public double maxConstraintViolations() {
    return maxConstraintViolations;
  }

  /** Every option that shapes the trained model, for provenance (resume and overwrite do not). */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("dataset", dataset);
    described.put("model", family);
    described.put("workers", Integer.toString(workers));
    described.put("batch-per-worker", Integer.toString(batchPerWorker));
    described.put("averaging-frequency", Integer.toString(averagingFrequency));
    described.put("epochs", Double.toString(epochs));
    described.put("seed", Long.toString(seed));
    described.put("checkpoint-every", Integer.toString(checkpointEvery));
    described.put("validation-share", Double.toString(validationShare));
    if (oversampleBelow > 0) {
      // Recorded only when on, so checkpoints from before the option existed still resume.
      described.put("oversample-below", Double.toString(oversampleBelow));
    }
    described.put("validate-every", Integer.toString(validateEvery));
    described.put("patience", Integer.toString(patience));
    for (Map.Entry<String, String> entry : new TreeMap<>(hyperparameters).entrySet()) {
      described.put("param." + entry.getKey(), entry.getValue());
    }
    described.put("relations", relations == null ? "as-ingested" : relations.key());
    described.put("max-constraint-violations", Double.toString(maxConstraintViolations));
    for (int i = 0; i < constraints.size(); i++) {
      described.put("constraint." + (i + 1), constraints.get(i));
    }
    return described;
  }

  /** A copy with another worker count (used when the data cannot feed that many workers). */
  public TrainingOptions withWorkers(int value) {
    return toBuilder().workers(value).build();
  }

  public Builder toBuilder() {
    return new Builder(dataset, family, out).hyperparameters(hyperparameters).workers(workers).batchPerWorker(batchPerWorker)
        .averagingFrequency(averagingFrequency).epochs(epochs).seed(seed).checkpointEvery(checkpointEvery).resume(resume)
        .overwrite(overwrite).validationShare(validationShare).validateEvery(validateEvery).patience(patience)
        .oversampleBelow(oversampleBelow)
        .constraints(constraints).relations(relations).maxConstraintViolations(maxConstraintViolations);
  }

  /** Builds {@link TrainingOptions}, checking each value. */
  public static final class Builder {
    private final String dataset;
    private final String family;
    private final String out;
    private Map<String, String> hyperparameters = Map.of();
    private int workers = 1;
    private int batchPerWorker = 500;
    private int averagingFrequency = 5;
    private double epochs = 100;
    private long seed = 42;
    private int checkpointEvery = 20;
    private boolean resume;
    private boolean overwrite;
    private double validationShare = 0.1;
    private double oversampleBelow = 0;
    private int validateEvery;
    private int patience;
    private List<String> constraints = List.of();
    private RelationsMode relations;
    private double maxConstraintViolations = 0.01;

    private Builder(String dataset, String family, String out) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      this.family = Objects.requireNonNull(family, "family");
      this.out = Objects.requireNonNull(out, "out");
    }

    public Builder hyperparameters(Map<String, String> value) {
      this.hyperparameters = value;
      return this;
    }

    public Builder workers(int value) {
      this.workers = value;
      return this;
    }

    public Builder batchPerWorker(int value) {
      this.batchPerWorker = value;
      return this;
    }

    public Builder averagingFrequency(int value) {
      this.averagingFrequency = value;
      return this;
    }

    public Builder epochs(double value) {
      this.epochs = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder checkpointEvery(int value) {
      this.checkpointEvery = value;
      return this;
    }

    public Builder resume(boolean value) {
      this.resume = value;
      return this;
    }

    public Builder overwrite(boolean value) {
      this.overwrite = value;
      return this;
    }

    public Builder oversampleBelow(double value) {
      this.oversampleBelow = value;
      return this;
    }

    public Builder validationShare(double value) {
      this.validationShare = value;
      return this;
    }

    public Builder validateEvery(int value) {
      this.validateEvery = value;
      return this;
    }

    public Builder patience(int value) {
      this.patience = value;
      return this;
    }

    public Builder constraints(List<String> value) {
      this.constraints = Objects.requireNonNull(value, "constraints");
      return this;
    }

    public Builder relations(RelationsMode value) {
      this.relations = value;
      return this;
    }

    public Builder maxConstraintViolations(double value) {
      this.maxConstraintViolations = value;
      return this;
    }

    public TrainingOptions build() {
      check(maxConstraintViolations >= 0 && maxConstraintViolations < 1, "--max-constraint-violations "
          + maxConstraintViolations + ": use a share in [0, 1)");
      check(workers >= 1, "--workers " + workers + ": use at least 1");
      check(batchPerWorker >= 2, "--batch-per-worker " + batchPerWorker + ": use at least 2");
      check(averagingFrequency >= 1, "--averaging-frequency " + averagingFrequency + ": use at least 1");
      check(epochs > 0, "--epochs " + epochs + ": use a positive number");
      check(checkpointEvery >= 1, "--checkpoint-every " + checkpointEvery + ": use at least 1");
      check(oversampleBelow >= 0 && oversampleBelow < 0.5,
          "--oversample-below " + oversampleBelow + ": use a share in [0, 0.5) (0 turns oversampling off)");
      check(validationShare >= 0 && validationShare < 0.5, "--validation-share " + validationShare + ": use a share in [0, 0.5)");
      check(validateEvery >= 0, "--validate-every " + validateEvery + ": use 0 (once per epoch) or more");
      check(patience >= 0, "--patience " + patience + ": use 0 (off) or more");
      check(!(patience > 0 && validationShare == 0), "--patience " + patience + ": early stopping needs --validation-share > 0");
      check(!(resume && overwrite), "--resume with --overwrite: choose one");
      return new TrainingOptions(this);
    }

    private static void check(boolean condition, String what) {
      if (!condition) {
        throw new UsageException("Cannot use " + what);
      }
    }
  }
}
