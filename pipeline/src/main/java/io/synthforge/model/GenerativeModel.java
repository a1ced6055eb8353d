package io.synthforge.model;

import io.synthforge.transform.OutputLayout;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generative model made of one or more networks with its own local training step (a GAN's generator and
 * discriminator updated in turn, a VAE's encoder and decoder under one ELBO). Spark-free: the distributed
 * engine ships {@link ModelState}s between driver and workers and calls these methods on each worker.
 *
 * <p>Not thread-safe; an instance holds preallocated buffers and is reused across steps and rounds.
 * All randomness comes from the {@link SplittableRandom} passed in, so a step is a pure function of
 * (state, data, random).
 */
public interface GenerativeModel {
  /** The family name, e.g. {@code ctgan} or {@code tvae}. */
  String family();

  /** The resolved hyperparameters. */
  ModelSpec spec();

  /** The layout of the dense feature vectors the model consumes and generates. */
  OutputLayout layout();

  /**
   * One optimisation step on {@code batchSize} rows drawn from {@code data} with {@code random}; returns the
   * step's losses by name (e.g. {@code loss_d}, {@code loss_g}, or {@code loss}, {@code reconstruction},
   * {@code kl}).
   */
  Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random);

  /**
   * The model's validation loss on {@code data} (held-out rows), lower is better; each family documents what
   * it measures. Used for early stopping.
   */
  double validationLoss(TrainingData data, SplittableRandom random);

  /** A snapshot of every parameter and the optimiser state. */
  ModelState state();

  /** Replaces parameters and optimiser state with {@code state} (sizes must match this model). */
  void load(ModelState state);

  /**
   * Generates {@code rows} dense feature rows into {@code out} (row-major, {@code rows * layout().width()}).
   * With a {@code condition}, every row carries that category of a discrete column (through the conditional
   * vector where the family has one); without, categories follow the training data.
   */
  void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out);
}
