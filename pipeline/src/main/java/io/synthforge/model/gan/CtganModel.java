package io.synthforge.model.gan;

import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.Adam;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Randoms;
import io.synthforge.model.nn.SpanIndex;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CTGAN (Xu et al. 2019), following the reference implementation: a conditional generator (residual
 * BatchNorm/ReLU blocks) fed with noise and a conditional vector, a PacGAN critic (LeakyReLU, dropout), the
 * WGAN-GP objective (gradient penalty on per-pac-group interpolates of real and fake rows, computed analytically,
 * see {@link Critic}), training-by-sampling, and a generator loss that adds the cross-entropy between the
 * conditioned span's logits and the condition. Head: tanh for scalar spans, gumbel-softmax for one-hot spans.
 *
 * <p>Generation runs the generator with the batch-norm running statistics (evaluation mode), so rows are
 * independent of the chunking; conditions are drawn by the fitted category frequencies (or fixed); a one-hot span
 * is the one-hot of a sample of its softmax, the distribution of the reference's gumbel-softmax followed by
 * argmax.
 *
 * <p>With {@code conditioning=label} (not the default; the reference has none) the generator also reads the one-hot of
 * the table's first label column, beside the condition, and its output's label span is that input: it learns each
 * label's rows as their own distribution, where the reference's generator draws the label like any other column
 * and lets rows mix the traits of both labels. Training takes each fake row's label from a real row having the fake
 * row's condition (and that row, in shuffled order, is the critic's real row), so conditions and labels pair as in
 * the data; generation draws them together by their joint shares ({@link LabelJoint}), or under a condition.
 *
 * <p>With {@code classifier-weight > 0} (not the default; the reference has none) an auxiliary classifier
 * ({@link LabelClassifier}, as in CTAB-GAN) is fitted on real rows each generator step to predict the label from the
 * other columns, and the generator's loss adds that weight times the classifier's cross-entropy on the fake rows, so
 * a fake row's label agrees with its other values as real rows' labels do.
 *
 * <p>With {@code generator-ema > 0} (not the default; the reference has none) generation runs an exponential moving
 * average of the generator's values over its steps instead of the last ones: a GAN's generator keeps circling
 * around an equilibrium, and the average sits nearer it (Yazici et al. 2019).
 *
 * <p>The state is [generator parameters, batch-norm running statistics included | critic parameters | label joint
 * shares when conditioned on the label | classifier parameters when it has one | generator moving average when
 * kept] and
 * [generator Adam moments | critic Adam moments | classifier Adam moments]; the step counter counts generator steps
 * (the critic's Adam has taken {@code steps * discriminator-steps}).
 */
public final class CtganModel implements GenerativeModel {
  private static final int GENERATION_CHUNK = 1000;

  private final ModelSpec spec;
  private final OutputLayout layout;
  private final SpanIndex spans;
  private final int width;
  private final int embedding;
  private final int pac;
  private final int criticSteps;
  private final float tau;
  private final float lambda;
  private final int validationRows;
  private final ConditionSampler conditions;
  private final int conditionWidth;
  /** The label's joint shares with the conditions when the generator reads the label, else null. */
  private final LabelJoint labels;
  private final int labelOffset;
  private final int labelWidth;
  private final int inputWidth;
  private final int catWidth;
  private final int[] conditionOffsets;
  private final Generator generator;
  /** The generator as generation runs it; {@code foldedStale} until refolded after the parameters changed. */
  private final FoldedGenerator folded;
  private final int hotsPerRow;
  private boolean foldedStale = true;
  private final Critic critic;
  private final Adam generatorAdam;
  private final Adam criticAdam;
  /** CTAB-GAN's auxiliary label classifier and its optimiser when {@code classifier-weight > 0}, else null. */
  private final LabelClassifier classifier;
  private final Adam classifierAdam;
  private final float classifierWeight;
  /**
   * {@code generator-ema}: the decay of an exponential moving average of the generator's values (batch-norm
   * statistics included) that generation runs instead of the last values; 0 (the reference's) keeps none.
   */
  private final float emaDecay;
  private final float[] ema;
  /** Whether the classifier fits only the generated label's logits ({@code classifier-guide=label}). */
  private final boolean guideLabelOnly;
  private final int classifiedOffset;
  private final int classifiedSpan;
  private final Blas blas = new Blas();
  private final double[] exponentials;
  private long steps;

  private int capacity;
  private int[] choice;
  private int[] realChoice;
  /** Per fake row: its label and (in training) the real row it was taken from. */
  private int[] rowLabels;
  private int[] realRows;
  private float[] activated;
  private float[] fakeCat;
  private float[] realCat;
  private float[] interpolates;
  /** Uniformly drawn real rows the classifier is fitted on. */
  private float[] classifierRows;
  private float[] gradActivated;
  private float[] softmax;
  /** Per generated row: its one-hot inputs (condition, label) as indices into the generator input's one-hot tail. */
  private int[] hot;

  CtganModel(ModelSpec spec, TableTransformer transformer, long seed) {
    this(spec, transformer, seed, -1, null, null, -1);
  }

  /**
   * A model whose generator also reads the label in layout span {@code labelSpan} (none when -1), whose categories
   * have the training counts {@code labelFrequencies}; {@code categoryFrequencies[c]} are the counts of conditionable
   * span {@code c}'s categories (in layout order); the auxiliary classifier, when {@code classifier-weight > 0},
   * predicts layout span {@code classifiedSpan}.
   */
  CtganModel(ModelSpec spec, TableTransformer transformer, long seed, int labelSpan, long[] labelFrequencies,
      long[][] categoryFrequencies, int classifiedSpan) {
    this.spec = spec;
    this.layout = transformer.layout();
    this.spans = SpanIndex.of(layout);
    this.exponentials = new double[spans.widestOneHot()];
    this.width = layout.width();
    this.embedding = spec.intValue("embedding-dim");
    this.pac = spec.intValue("pac");
    this.criticSteps = spec.intValue("discriminator-steps");
    this.tau = (float) spec.doubleValue("gumbel-tau");
    this.lambda = (float) spec.doubleValue("gp-lambda");
    this.validationRows = spec.intValue("validation-rows");
    if (pac < 1) {
      throw new io.synthforge.api.UsageException("Cannot build ctgan with pac " + pac + ": it must be at least 1");
    }
    if (criticSteps < 1) {
      throw new io.synthforge.api.UsageException("Cannot build ctgan with discriminator-steps " + criticSteps
          + ": it must be at least 1");
    }
    int[] criticDims = spec.intList("discriminator-dims");
    if (criticDims.length == 0) {
      throw new io.synthforge.api.UsageException("Cannot build ctgan without discriminator-dims: give at least one");
    }
    this.conditions = new ConditionSampler(transformer, CtganFamily.modeColumns(spec));
    this.conditionWidth = conditions.width();
    this.catWidth = width + conditionWidth;
    this.conditionOffsets = new int[conditions.count()];
    for (int c = 0; c < conditions.count(); c++) {
      conditionOffsets[c] = layout.spans().get(conditions.spanIndex(c)).offset();
    }
    this.labels = labelSpan < 0 ? null
        : new LabelJoint(conditions, labelSpan, labelFrequencies, categoryFrequencies);
    this.labelOffset = labelSpan < 0 ? -1 : layout.spans().get(labelSpan).offset();
    this.labelWidth = labels == null ? 0 : labels.labelWidth();
    this.inputWidth = embedding + conditionWidth + labelWidth;
    this.generator = new Generator(inputWidth, spec.intList("generator-dims"), width,
        spec.doubleValue("batch-norm-momentum"), spec.doubleValue("batch-norm-epsilon"));
    this.hotsPerRow = (conditionWidth > 0 ? 1 : 0) + (labels == null ? 0 : 1);
    this.folded = new FoldedGenerator(generator, embedding, conditionWidth + labelWidth);
    this.critic = new Critic(pac * catWidth, criticDims, spec.doubleValue("leaky-slope"), spec.doubleValue("dropout"));
    SplittableRandom random = new SplittableRandom(seed);
    generator.initialise(random);
    critic.initialise(random);
    double epsilon = spec.doubleValue("adam-epsilon");
    this.generatorAdam = new Adam(generator.parameters(), spec.doubleValue("generator-lr"),
        spec.doubleValue("generator-beta1"), spec.doubleValue("generator-beta2"), epsilon,
        spec.doubleValue("generator-decay"));
    this.criticAdam = new Adam(critic.parameters(), spec.doubleValue("discriminator-lr"),
        spec.doubleValue("discriminator-beta1"), spec.doubleValue("discriminator-beta2"), epsilon,
        spec.doubleValue("discriminator-decay"));
    this.emaDecay = (float) spec.doubleValue("generator-ema");
    if (!(emaDecay >= 0 && emaDecay < 1)) {
      throw new io.synthforge.api.UsageException("Cannot use ctgan's generator-ema " + emaDecay
          + ": it must be 0 (off) or a decay in (0, 1), such as 0.999");
    }
    this.ema = emaDecay > 0 ? generator.parameters().values().clone() : null;
    this.classifierWeight = (float) spec.doubleValue("classifier-weight");
    this.guideLabelOnly = CtganFamily.guidesLabelOnly(spec);
    this.classifiedSpan = classifiedSpan;
    this.classifiedOffset = classifiedSpan < 0 ? -1 : layout.spans().get(classifiedSpan).offset();
    if (classifierWeight > 0) {
      Span classified = layout.spans().get(classifiedSpan);
      this.classifier = new LabelClassifier(width, classified.offset(), classified.width(),
          spec.intList("classifier-dims"));
      // Drawn after the generator and critic, so that a model without the classifier starts as before.
      classifier.initialise(random);
      // CTAB-GAN steps its classifier with the generator's optimiser settings.
      this.classifierAdam = new Adam(classifier.parameters(), spec.doubleValue("generator-lr"),
          spec.doubleValue("generator-beta1"), spec.doubleValue("generator-beta2"), epsilon,
          spec.doubleValue("generator-decay"));
    } else {
      this.classifier = null;
      this.classifierAdam = null;
    }
  }

  /** Whether the generator reads the label. */
  boolean labelConditioned() {
    return labels != null;
  }

  @Override
  public String family() {
    return CtganFamily.NAME;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public OutputLayout layout() {
    return layout;
  }

  private void ensureCapacity(int rows) {
    generator.ensureCapacity(rows);
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    choice = new int[2 * rows];
    realChoice = new int[2 * rows];
    rowLabels = new int[rows];
    realRows = new int[rows];
    hot = new int[rows * Math.max(1, hotsPerRow)];
    activated = new float[rows * width];
    softmax = new float[rows * width];
    gradActivated = new float[rows * width];
    fakeCat = new float[rows * catWidth];
    realCat = new float[rows * catWidth];
    interpolates = new float[rows * catWidth];
    classifierRows = classifier == null ? null : new float[rows * width];
  }

  @Override
  public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
    if (batchSize < pac || batchSize % pac != 0) {
      throw new io.synthforge.api.UsageException("Cannot train ctgan with batch " + batchSize
          + ": the batch must be a positive multiple of pac (" + pac + "); change the batch per worker or pac");
    }
    ensureCapacity(batchSize);
    if (labels != null) {
      labels.count(data);
    }
    int groups = batchSize / pac;
    double criticLoss = 0;
    double penalty = 0;
    for (int d = 0; d < criticSteps; d++) {
      generateFakes(batchSize, data, random, true);
      sampleReal(batchSize, data, random);
      critic.parameters().zeroGradients();
      float[] dScores = critic.scoreGradient(groups);
      float[] scores = critic.forward(blas, fakeCat, groups, random);
      double fakeMean = mean(scores, groups);
      Arrays.fill(dScores, 0, groups, 1f / groups);
      critic.backward(blas, fakeCat, dScores, groups, true, false);
      scores = critic.forward(blas, realCat, groups, random);
      double realMean = mean(scores, groups);
      Arrays.fill(dScores, 0, groups, -1f / groups);
      critic.backward(blas, realCat, dScores, groups, true, false);
      for (int g = 0; g < groups; g++) {
        float alpha = random.nextFloat();
        int start = g * pac * catWidth;
        for (int i = start; i < start + pac * catWidth; i++) {
          interpolates[i] = alpha * realCat[i] + (1 - alpha) * fakeCat[i];
        }
      }
      penalty = critic.gradientPenalty(blas, interpolates, groups, lambda, random);
      criticAdam.step(steps * criticSteps + d + 1);
      criticLoss = -(realMean - fakeMean);
    }

    double classifierLoss = classifier == null ? 0 : fitClassifier(batchSize, data, random);
    generateFakes(batchSize, data, random, true);
    float[] scores = critic.forward(blas, fakeCat, groups, random);
    double generatorScore = -mean(scores, groups);
    float[] dScores = critic.scoreGradient(groups);
    Arrays.fill(dScores, 0, groups, -1f / groups);
    float[] dCat = critic.backward(blas, fakeCat, dScores, groups, false, true);
    for (int r = 0; r < batchSize; r++) {
      System.arraycopy(dCat, r * catWidth, gradActivated, r * width, width);
    }
    double guideLoss = classifier == null || guideLabelOnly ? 0
        : classifier.guide(blas, activated, batchSize, classifierWeight, gradActivated);
    float[] dRaw = headBackward(batchSize);
    double conditionLoss = conditionLoss(batchSize, dRaw);
    if (classifier != null && guideLabelOnly) {
      guideLoss = labelGuide(batchSize, dRaw);
    }
    generator.parameters().zeroGradients();
    generator.backward(blas, dRaw, batchSize);
    generatorAdam.step(++steps);
    if (ema != null) {
      float[] values = generator.parameters().values();
      float keep = emaDecay;
      float take = 1f - emaDecay;
      for (int i = 0; i < ema.length; i++) {
        ema[i] = keep * ema[i] + take * values[i];
      }
    }
    foldedStale = true;

    Map<String, Double> losses = new LinkedHashMap<>();
    losses.put("loss_d", criticLoss);
    losses.put("penalty", penalty);
    losses.put("loss_g", generatorScore + conditionLoss + guideLoss);
    losses.put("condition", conditionLoss);
    if (classifier != null) {
      losses.put("classifier", classifierLoss);
      losses.put("label_guide", guideLoss);
    }
    return losses;
  }

  /**
   * {@code classifier-guide=label}: the weighted mean cross-entropy of the generated label's logits against the
   * classifier's prediction from the row's other generated values (a fixed target: nothing flows into those values),
   * so that the label is drawn as the real rows' labels are given such values, neither cleaner nor noisier. Rows
   * conditioned on the label keep their condition's loss alone. Adds its gradient to {@code dRaw}.
   */
  private double labelGuide(int rows, float[] dRaw) {
    float[] predicted = classifier.predict(blas, activated, rows);
    float[] raw = generator.output();
    int labelWidth = layout.spans().get(classifiedSpan).width();
    float scale = classifierWeight / rows;
    double loss = 0;
    for (int r = 0; r < rows; r++) {
      if (conditionWidth > 0 && conditions.spanIndex(choice[2 * r]) == classifiedSpan) {
        continue;
      }
      int start = r * width + classifiedOffset;
      double logNormaliser = SpanIndex.softmax(raw, softmax, start, labelWidth, 1f);
      for (int k = 0; k < labelWidth; k++) {
        float target = predicted[r * labelWidth + k];
        loss += target * (logNormaliser - raw[start + k]);
        dRaw[start + k] += scale * (softmax[start + k] - target);
      }
    }
    return classifierWeight * loss / rows;
  }

  /** One Adam step of the auxiliary classifier on uniformly drawn real rows; returns its cross-entropy. */
  private double fitClassifier(int rows, TrainingData data, SplittableRandom random) {
    for (int r = 0; r < rows; r++) {
      data.denseRow(data.randomRow(random), classifierRows, r * width);
    }
    classifier.parameters().zeroGradients();
    double loss = classifier.fit(blas, classifierRows, width, rows);
    classifierAdam.step(steps + 1);
    return loss;
  }

  private static double mean(float[] values, int size) {
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum / size;
  }

  /**
   * Draws conditions and noise (and, conditioned on the label, the real row each fake row takes its label from),
   * runs the generator (training mode) and writes [activated | condition] rows.
   */
  private void generateFakes(int rows, TrainingData data, SplittableRandom random, boolean training) {
    float[] input = generator.input();
    for (int r = 0; r < rows; r++) {
      Randoms.gaussian(random, input, r * inputWidth, embedding);
      if (conditionWidth > 0) {
        conditions.drawTraining(data, random, choice, r);
        conditions.write(choice, r, input, r * inputWidth + embedding);
      }
      if (labels != null) {
        int row = data.randomRowWith(conditions.spanIndex(choice[2 * r]), choice[2 * r + 1], random);
        realRows[r] = row >= 0 ? row : data.randomRow(random);
        rowLabels[r] = labels.label(data, realRows[r]);
        writeLabel(input, r * inputWidth + embedding + conditionWidth, rowLabels[r]);
      }
    }
    generator.forward(blas, rows, training);
    headForward(rows, random);
    if (labels != null) {
      // The output's label is the input's; through this constant the head passes no gradient to the label logits.
      for (int r = 0; r < rows; r++) {
        writeLabel(activated, r * width + labelOffset, rowLabels[r]);
      }
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(activated, r * width, fakeCat, r * catWidth, width);
      System.arraycopy(input, r * inputWidth + embedding, fakeCat, r * catWidth + width, conditionWidth);
    }
  }

  private void writeLabel(float[] target, int offset, int label) {
    Arrays.fill(target, offset, offset + labelWidth, 0f);
    target[offset + label] = 1f;
  }

  /**
   * Real rows having the fake rows' conditions in a shuffled order, each with its own condition appended; conditioned
   * on the label, the very rows the fake rows took their labels from.
   */
  private void sampleReal(int rows, TrainingData data, SplittableRandom random) {
    if (labels != null) {
      int[] order = realChoice;
      for (int r = 0; r < rows; r++) {
        order[r] = r;
      }
      for (int i = rows - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int r = 0; r < rows; r++) {
        data.denseRow(realRows[order[r]], realCat, r * catWidth);
        conditions.write(choice, order[r], realCat, r * catWidth + width);
      }
      return;
    }
    if (conditionWidth == 0) {
      for (int r = 0; r < rows; r++) {
        data.denseRow(data.randomRow(random), realCat, r * catWidth);
      }
      return;
    }
    System.arraycopy(choice, 0, realChoice, 0, 2 * rows);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int c = realChoice[2 * i];
      int k = realChoice[2 * i + 1];
      realChoice[2 * i] = realChoice[2 * j];
      realChoice[2 * i + 1] = realChoice[2 * j + 1];
      realChoice[2 * j] = c;
      realChoice[2 * j + 1] = k;
    }
    for (int r = 0; r < rows; r++) {
      int row = data.randomRowWith(conditions.spanIndex(realChoice[2 * r]), realChoice[2 * r + 1], random);
      // Log-frequency never picks a category absent from this worker's data; guard anyway.
      data.denseRow(row >= 0 ? row : data.randomRow(random), realCat, r * catWidth);
      conditions.write(realChoice, r, realCat, r * catWidth + width);
    }
  }

  /** tanh on scalar spans, gumbel-softmax on one-hot spans, from the generator's raw output into activated. */
  private void headForward(int rows, SplittableRandom random) {
    float[] raw = generator.output();
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int s = 0; s < spans.scalarCount(); s++) {
        int p = base + spans.scalarPosition(s);
        activated[p] = Activations.tanh(raw[p]);
      }
      for (int o = 0; o < spans.oneHotCount(); o++) {
        int start = base + spans.oneHotOffset(o);
        int spanWidth = spans.oneHotWidth(o);
        for (int i = start; i < start + spanWidth; i++) {
          softmax[i] = raw[i] + Randoms.gumbel(random);
        }
        SpanIndex.softmax(softmax, activated, start, spanWidth, tau);
      }
    }
  }

  /** The gradient of the raw output from gradActivated through the head (written into gradActivated). */
  private float[] headBackward(int rows) {
    float inverseTau = 1f / tau;
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int s = 0; s < spans.scalarCount(); s++) {
        int p = base + spans.scalarPosition(s);
        gradActivated[p] *= 1f - activated[p] * activated[p];
      }
      for (int o = 0; o < spans.oneHotCount(); o++) {
        int start = base + spans.oneHotOffset(o);
        int spanWidth = spans.oneHotWidth(o);
        float dot = 0f;
        for (int i = start; i < start + spanWidth; i++) {
          dot += gradActivated[i] * activated[i];
        }
        for (int i = start; i < start + spanWidth; i++) {
          gradActivated[i] = activated[i] * (gradActivated[i] - dot) * inverseTau;
        }
      }
    }
    return gradActivated;
  }

  /** The mean cross-entropy of each row's conditioned span logits against its condition; adds its gradient. */
  private double conditionLoss(int rows, float[] dRaw) {
    if (conditionWidth == 0) {
      return 0;
    }
    float[] raw = generator.output();
    float scale = 1f / rows;
    double loss = 0;
    for (int r = 0; r < rows; r++) {
      int c = choice[2 * r];
      int k = choice[2 * r + 1];
      if (labels != null && conditions.spanIndex(c) == labels.labelSpan()) {
        // The output's label span is the input label, not generated: its logits have nothing to learn.
        continue;
      }
      int start = r * width + conditionOffsets[c];
      int spanWidth = conditions.width(c);
      double logNormaliser = SpanIndex.softmax(raw, softmax, start, spanWidth, 1f);
      loss += logNormaliser - raw[start + k];
      for (int i = start; i < start + spanWidth; i++) {
        dRaw[i] += scale * softmax[i];
      }
      dRaw[start + k] -= scale;
    }
    return loss / rows;
  }

  /**
   * The mean, over one-hot spans (categorical columns and the modes of continuous ones), of the total-variation
   * distance between the category shares of the held-out rows and of as many generated rows (at most
   * {@code validation-rows}); 0 is a perfect match of these marginals, 1 the worst. Cheap and grounded in data,
   * unlike the critic's loss, which does not track quality across a GAN's training.
   */
  @Override
  public double validationLoss(TrainingData data, SplittableRandom random) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException("Cannot compute the validation loss of ctgan: there are no held-out rows");
    }
    if (spans.oneHotCount() == 0) {
      return 0;
    }
    int rows = Math.min(data.rows(), validationRows);
    float[] out = new float[rows * width];
    generate(rows, null, random, out);
    double sum = 0;
    for (int o = 0; o < spans.oneHotCount(); o++) {
      int spanIndex = spans.oneHotSpan(o);
      int start = spans.oneHotOffset(o);
      int spanWidth = spans.oneHotWidth(o);
      double[] difference = new double[spanWidth];
      for (int k = 0; k < spanWidth; k++) {
        difference[k] = (double) data.count(spanIndex, k) / data.rows();
      }
      for (int r = 0; r < rows; r++) {
        difference[SpanIndex.argmax(out, r * width + start, spanWidth)] -= 1.0 / rows;
      }
      double tvd = 0;
      for (double d : difference) {
        tvd += Math.abs(d);
      }
      sum += tvd / 2;
    }
    return sum / spans.oneHotCount();
  }

  @Override
  public ModelState state() {
    int generatorSize = generator.parameters().size();
    int criticSize = critic.parameters().size();
    int labelSize = labels == null ? 0 : labels.size();
    float[] values = new float[generatorSize + criticSize + labelSize + classifierSize() + emaSize()];
    generator.parameters().copyTo(values, 0);
    critic.parameters().copyTo(values, generatorSize);
    if (labels != null) {
      labels.copyTo(values, generatorSize + criticSize);
    }
    float[] updater = new float[generatorAdam.stateSize() + criticAdam.stateSize() + classifierUpdaterSize()];
    generatorAdam.copyTo(updater, 0);
    criticAdam.copyTo(updater, generatorAdam.stateSize());
    if (classifier != null) {
      classifier.parameters().copyTo(values, generatorSize + criticSize + labelSize);
      classifierAdam.copyTo(updater, generatorAdam.stateSize() + criticAdam.stateSize());
    }
    if (ema != null) {
      System.arraycopy(ema, 0, values, generatorSize + criticSize + labelSize + classifierSize(), ema.length);
    }
    return ModelState.wrap(values, updater, steps);
  }

  @Override
  public void load(ModelState state) {
    int generatorSize = generator.parameters().size();
    int labelSize = labels == null ? 0 : labels.size();
    int parameterCount = generatorSize + critic.parameters().size() + labelSize + classifierSize() + emaSize();
    int updaterCount = generatorAdam.stateSize() + criticAdam.stateSize() + classifierUpdaterSize();
    if (state.parameterCount() != parameterCount) {
      throw new IllegalArgumentException("Cannot load a state into ctgan model: expected " + parameterCount
          + " parameters, found " + state.parameterCount());
    }
    if (state.updaterStateCount() != updaterCount) {
      throw new IllegalArgumentException("Cannot load a state into ctgan model: expected " + updaterCount
          + " updater values, found " + state.updaterStateCount());
    }
    float[] values = state.parameters();
    generator.parameters().copyFrom(values, 0);
    critic.parameters().copyFrom(values, generatorSize);
    if (labels != null) {
      labels.copyFrom(values, generatorSize + critic.parameters().size());
    }
    float[] updater = state.updaterState();
    generatorAdam.copyFrom(updater, 0);
    criticAdam.copyFrom(updater, generatorAdam.stateSize());
    if (classifier != null) {
      classifier.parameters().copyFrom(values, generatorSize + critic.parameters().size() + labelSize);
      classifierAdam.copyFrom(updater, generatorAdam.stateSize() + criticAdam.stateSize());
    }
    if (ema != null) {
      System.arraycopy(values, generatorSize + critic.parameters().size() + labelSize + classifierSize(), ema, 0,
          ema.length);
    }
    steps = state.steps();
    foldedStale = true;
  }

  @Override
  public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
    if (out.length < (long) rows * width) {
      throw new IllegalArgumentException("Cannot generate " + rows + " rows into " + out.length + " values: "
          + (long) rows * width + " are needed");
    }
    if (condition != null) {
      checkCondition(condition);
    }
    ensureCapacity(Math.min(rows, GENERATION_CHUNK));
    if (foldedStale) {
      refreshFolded();
      foldedStale = false;
    }
    for (int start = 0; start < rows; start += GENERATION_CHUNK) {
      int chunk = Math.min(GENERATION_CHUNK, rows - start);
      float[] noise = folded.noise(chunk);
      for (int r = 0; r < chunk; r++) {
        Randoms.gaussian(random, noise, r * embedding, embedding);
        int h = r * hotsPerRow;
        if (labels != null) {
          labels.draw(condition, random, choice, r, rowLabels);
          if (conditionWidth > 0) {
            hot[h++] = conditions.hotIndex(choice, r);
          }
          hot[h] = conditionWidth + rowLabels[r];
        } else if (conditionWidth > 0) {
          conditions.drawGeneration(condition, random, choice, r);
          hot[h] = conditions.hotIndex(choice, r);
        }
      }
      folded.forward(blas, chunk, hot, hotsPerRow);
      float[] raw = folded.output();
      for (int r = 0; r < chunk; r++) {
        int base = r * width;
        int target = (start + r) * width;
        // One fill of the row, not one per one-hot span: most spans are a few values wide.
        Arrays.fill(out, target, target + width, 0f);
        for (int s = 0; s < spans.scalarCount(); s++) {
          int p = spans.scalarPosition(s);
          out[target + p] = Activations.tanh(raw[base + p]);
        }
        for (int o = 0; o < spans.oneHotCount(); o++) {
          int offset = spans.oneHotOffset(o);
          int spanWidth = spans.oneHotWidth(o);
          out[target + offset + SpanIndex.sample(raw, base + offset, spanWidth, random, exponentials)] = 1f;
        }
        if (labels != null) {
          writeLabel(out, target + labelOffset, rowLabels[r]);
        }
        if (condition != null) {
          // The generator was trained to honour its condition (the cross-entropy term); pin the span so that
          // every row carries it, as the contract requires, instead of rejecting the rare row that strays.
          int offset = layout.spans().get(condition.spanIndex()).offset();
          int spanWidth = layout.spans().get(condition.spanIndex()).width();
          Arrays.fill(out, target + offset, target + offset + spanWidth, 0f);
          out[target + offset + condition.category()] = 1f;
        }
      }
    }
  }

  private int emaSize() {
    return ema == null ? 0 : ema.length;
  }

  /** Folds the values generation runs: the moving average when the model keeps one, else the current values. */
  private void refreshFolded() {
    if (ema == null) {
      folded.refresh();
      return;
    }
    float[] values = generator.parameters().values();
    float[] current = values.clone();
    System.arraycopy(ema, 0, values, 0, ema.length);
    folded.refresh();
    System.arraycopy(current, 0, values, 0, values.length);
  }

  private int classifierSize() {
    return classifier == null ? 0 : classifier.parameters().size();
  }

  private int classifierUpdaterSize() {
    return classifier == null ? 0 : classifierAdam.stateSize();
  }

  private void checkCondition(GenerationCondition condition) {
    if (condition.spanIndex() >= layout.spans().size()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": the layout has "
          + layout.spans().size() + " spans");
    }
    Span span = layout.spans().get(condition.spanIndex());
    if (!span.isConditionable()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": span " + span
          + " is not a conditionable one-hot span");
    }
    if (condition.category() >= span.width()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": span " + span
          + " has " + span.width() + " categories");
    }
  }
}
