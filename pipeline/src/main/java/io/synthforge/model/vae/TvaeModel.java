package io.synthforge.model.vae;

import io.synthforge.api.UsageException;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.Activations;
import io.synthforge.model.nn.Adam;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.Dense;
import io.synthforge.model.nn.ParameterSet;
import io.synthforge.model.nn.Randoms;
import io.synthforge.model.nn.SpanIndex;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TVAE (Xu et al. 2019) as in the reference implementation: an encoder MLP (ReLU) to the mean and log-variance of
 * a Gaussian embedding, a decoder MLP (ReLU) back to the feature vector, and one learned deviation per scalar
 * feature. The loss per row is {@code loss-factor} times the reconstruction (per scalar span
 * {@code (x - tanh(out))^2 / 2 sigma^2 + log sigma}, per one-hot span the softmax cross-entropy) plus the KL
 * divergence to N(0, I), averaged over the batch; Adam with L2 weight decay; sigmas clamped to
 * {@code [sigma-min, sigma-max]} after each step.
 *
 * <p>Generation decodes {@code z ~ N(0, I)}: a scalar is {@code tanh(out) + sigma * N(0, 1)} clipped to [-1, 1]
 * (the reference's {@code normal(tanh(out), sigma)}), a one-hot span a category drawn from its softmax
 * ({@code categorical-sampling=softmax}, the default) or the reference's argmax.
 *
 * <p>With {@code conditioning=label} (the default; the reference has none) the decoder also reads the one-hot of
 * the table's first label column (a conditional VAE): it learns each label value's rows as their own distribution
 * instead of drawing the label independently of the other columns given the latent, which lets a generated "fraud"
 * row keep a legitimate row's traits and the reverse. Generation draws the label first (its training frequencies,
 * or the condition) and decodes under it. A condition on another column is met by rejection (see
 * {@link #generate}); with {@code conditioning=none}, so is one on the label.
 *
 * <p>With {@code decoder-ema > 0} (not the default; the reference has none) the model also keeps an exponential
 * moving average of its values, updated after every step, and generation runs the average instead of the last
 * step's values (as ctgan's {@code generator-ema}): the last values wander with the last batches, the average less.
 *
 * <p>The state is [encoder and decoder parameters, sigmas included | their moving average, when kept | Adam
 * moments]; the step counter is Adam's.
 */
public final class TvaeModel implements GenerativeModel {
  private static final int GENERATION_CHUNK = 1000;
  private static final int VALIDATION_CHUNK = 1000;

  private final ModelSpec spec;
  private final OutputLayout layout;
  private final SpanIndex spans;
  private final int width;
  private final int embedding;
  private final float lossFactor;
  private final float sigmaMin;
  private final float sigmaMax;
  private final int conditionTries;
  private final boolean sampleCategories;
  /** The decoder's conditioning one-hot span (-1 without), its index among the one-hot spans, offset and width. */
  private final int conditionOneHot;
  private final int conditionOffset;
  private final int conditionWidth;
  /** Cumulative training frequencies of the conditioning span's categories: what unconditioned rows are drawn under. */
  private final double[] conditionCumulative;
  private final int decoderInputWidth;
  private final ParameterSet parameters = new ParameterSet();
  private final Dense[] encoder;
  private final Dense head;
  private final Dense[] decoder;
  /** {@code decoder-ema}: the decay of the moving average generation runs (0: none, generation runs the values). */
  private final float emaDecay;
  /** The moving average of every parameter value (null without), in the layout of {@code parameters}. */
  private final float[] ema;
  private final int sigmaOffset;
  private final Adam adam;
  private final Blas blas = new Blas();
  private final double[] exponentials;
  private long steps;

  private int capacity;
  private float[] input;
  private float[][] encoded;
  private float[] moments;
  private float[] noise;
  private float[] latent;
  /** Per row: the conditioning category; and the decoder's input [latent | condition one-hot] when conditioned. */
  private int[] conditions;
  private float[] decoderInput;
  private float[] gradDecoderInput;
  private float[][] decoded;
  private float[] output;
  private float[] probabilities;
  private int[] choices;
  private float[] gradOutput;
  private float[][] gradDecoded;
  private float[] gradLatent;
  private float[] gradMoments;
  private float[][] gradEncoded;

  TvaeModel(ModelSpec spec, OutputLayout layout, long seed) {
    this(spec, layout, seed, -1, null);
  }

  /**
   * A model whose decoder is conditioned on one-hot span {@code conditionSpan} of {@code layout} (none when -1),
   * whose categories occur in the training rows with {@code frequencies} (aligned with the span's positions).
   */
  TvaeModel(ModelSpec spec, OutputLayout layout, long seed, int conditionSpan, long[] frequencies) {
    this.spec = spec;
    this.layout = layout;
    this.spans = SpanIndex.of(layout);
    this.exponentials = new double[spans.widestOneHot()];
    this.width = layout.width();
    this.embedding = spec.intValue("embedding-dim");
    this.lossFactor = (float) spec.doubleValue("loss-factor");
    this.sigmaMin = (float) spec.doubleValue("sigma-min");
    this.sigmaMax = (float) spec.doubleValue("sigma-max");
    this.conditionTries = spec.intValue("condition-tries");
    String sampling = spec.text("categorical-sampling");
    if (!sampling.equals("softmax") && !sampling.equals("argmax")) {
      throw new UsageException("Cannot use tvae's categorical-sampling '" + sampling + "': expected softmax or argmax");
    }
    this.sampleCategories = sampling.equals("softmax");
    if (conditionSpan >= 0) {
      Span span = layout.spans().get(conditionSpan);
      if (!span.isOneHot() || frequencies == null || frequencies.length != span.width()) {
        throw new IllegalArgumentException("Cannot condition tvae's decoder on span " + span
            + ": it needs a one-hot span and one frequency per category");
      }
      this.conditionOffset = span.offset();
      this.conditionWidth = span.width();
      this.conditionOneHot = conditionedOneHot(conditionOffset);
      this.conditionCumulative = cumulative(frequencies, span);
    } else {
      this.conditionOffset = -1;
      this.conditionWidth = 0;
      this.conditionOneHot = -1;
      this.conditionCumulative = null;
    }
    this.decoderInputWidth = embedding + conditionWidth;
    int[] compress = spec.intList("compress-dims");
    int[] decompress = spec.intList("decompress-dims");
    this.encoder = new Dense[compress.length];
    int in = width;
    for (int i = 0; i < compress.length; i++) {
      encoder[i] = new Dense(parameters, in, compress[i]);
      in = compress[i];
    }
    // The reference's fc1 (mean) and fc2 (log-variance) as one layer of twice the width: one product, not two.
    this.head = new Dense(parameters, in, 2 * embedding);
    this.decoder = new Dense[decompress.length + 1];
    in = decoderInputWidth;
    for (int i = 0; i < decompress.length; i++) {
      decoder[i] = new Dense(parameters, in, decompress[i]);
      in = decompress[i];
    }
    decoder[decompress.length] = new Dense(parameters, in, width);
    this.sigmaOffset = parameters.reserveTrainable(width);
    parameters.allocate();
    SplittableRandom random = new SplittableRandom(seed);
    for (Dense layer : encoder) {
      layer.initialise(random);
    }
    head.initialise(random);
    for (Dense layer : decoder) {
      layer.initialise(random);
    }
    Arrays.fill(parameters.values(), sigmaOffset, sigmaOffset + width, (float) spec.doubleValue("sigma-init"));
    this.adam = new Adam(parameters, spec.doubleValue("learning-rate"), spec.doubleValue("beta1"),
        spec.doubleValue("beta2"), spec.doubleValue("adam-epsilon"), spec.doubleValue("weight-decay"));
    this.emaDecay = (float) spec.doubleValue("decoder-ema");
    if (!(emaDecay >= 0 && emaDecay < 1)) {
      throw new UsageException("Cannot use tvae's decoder-ema " + emaDecay
          + ": it must be 0 (off) or a decay in (0, 1), such as 0.999");
    }
    this.ema = emaDecay > 0 ? parameters.values().clone() : null;
  }

  private static double[] cumulative(long[] frequencies, Span span) {
    double[] cumulative = new double[frequencies.length];
    double total = 0;
    for (int k = 0; k < frequencies.length; k++) {
      if (frequencies[k] < 0) {
        throw new IllegalArgumentException("Cannot condition tvae's decoder on span " + span
            + ": category frequencies must not be negative");
      }
      total += frequencies[k];
      cumulative[k] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("Cannot condition tvae's decoder on span " + span
          + ": its categories were never seen");
    }
    return cumulative;
  }

  /** Whether the decoder reads a conditioning span. */
  boolean conditioned() {
    return conditionOneHot >= 0;
  }

  @Override
  public String family() {
    return TvaeFamily.NAME;
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
    if (rows <= capacity) {
      return;
    }
    capacity = rows;
    input = new float[rows * width];
    encoded = new float[encoder.length][];
    gradEncoded = new float[encoder.length][];
    for (int i = 0; i < encoder.length; i++) {
      encoded[i] = new float[rows * encoder[i].out()];
      gradEncoded[i] = new float[rows * encoder[i].out()];
    }
    moments = new float[rows * 2 * embedding];
    gradMoments = new float[rows * 2 * embedding];
    noise = new float[rows * embedding];
    latent = new float[rows * embedding];
    gradLatent = new float[rows * embedding];
    conditions = new int[rows];
    if (conditioned()) {
      decoderInput = new float[rows * decoderInputWidth];
      gradDecoderInput = new float[rows * decoderInputWidth];
    }
    decoded = new float[decoder.length - 1][];
    gradDecoded = new float[decoder.length - 1][];
    for (int i = 0; i < decoder.length - 1; i++) {
      decoded[i] = new float[rows * decoder[i].out()];
      gradDecoded[i] = new float[rows * decoder[i].out()];
    }
    output = new float[rows * width];
    probabilities = new float[rows * width];
    choices = new int[rows * spans.oneHotCount()];
    gradOutput = new float[rows * width];
  }

  @Override
  public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot train tvae with batch size " + batchSize + ": it must be positive");
    }
    ensureCapacity(batchSize);
    for (int r = 0; r < batchSize; r++) {
      data.denseRow(data.randomRow(random), input, r * width);
    }
    Randoms.gaussian(random, noise, 0, batchSize * embedding);
    encode(batchSize);
    sample(batchSize);
    conditionsFromInput(batchSize);
    decode(latent, batchSize);
    parameters.zeroGradients();
    double[] losses = lossAndGradient(batchSize, lossFactor, true);
    backward(batchSize);
    adam.step(++steps);
    float[] values = parameters.values();
    for (int i = sigmaOffset; i < sigmaOffset + width; i++) {
      values[i] = Math.min(sigmaMax, Math.max(sigmaMin, values[i]));
    }
    if (ema != null) {
      float keep = emaDecay;
      float take = 1f - emaDecay;
      for (int i = 0; i < ema.length; i++) {
        ema[i] = keep * ema[i] + take * values[i];
      }
    }
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("loss", losses[0] * lossFactor + losses[1]);
    result.put("reconstruction", losses[0]);
    result.put("kl", losses[1]);
    return result;
  }

  private void encode(int rows) {
    float[] x = input;
    for (int i = 0; i < encoder.length; i++) {
      encoder[i].forward(blas, x, rows, encoded[i]);
      Activations.relu(encoded[i], rows * encoder[i].out());
      x = encoded[i];
    }
    head.forward(blas, x, rows, moments);
  }

  /** latent = mean + exp(logvar / 2) * noise, row by row ([mean | logvar] per row in {@code moments}). */
  private void sample(int rows) {
    for (int r = 0; r < rows; r++) {
      int m = r * 2 * embedding;
      int z = r * embedding;
      for (int j = 0; j < embedding; j++) {
        latent[z + j] = moments[m + j] + (float) Math.exp(0.5f * moments[m + embedding + j]) * noise[z + j];
      }
    }
  }

  /** The conditioning category of each input row (its own label): the decoder learns rows under their label. */
  private void conditionsFromInput(int rows) {
    if (!conditioned()) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      conditions[r] = SpanIndex.argmax(input, r * width + conditionOffset, conditionWidth);
    }
  }

  /** Decodes latents {@code z}, each under its row's category in {@code conditions} when the decoder is conditioned. */
  private void decode(float[] z, int rows) {
    float[] x = z;
    if (conditioned()) {
      Arrays.fill(decoderInput, 0, rows * decoderInputWidth, 0f);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(z, r * embedding, decoderInput, r * decoderInputWidth, embedding);
        decoderInput[r * decoderInputWidth + embedding + conditions[r]] = 1f;
      }
      x = decoderInput;
    }
    for (int i = 0; i < decoder.length - 1; i++) {
      decoder[i].forward(blas, x, rows, decoded[i]);
      Activations.relu(decoded[i], rows * decoder[i].out());
      x = decoded[i];
    }
    decoder[decoder.length - 1].forward(blas, x, rows, output);
  }

  /**
   * The batch's mean reconstruction loss (unweighted) and mean KL; with {@code gradients}, also writes the
   * gradient of {@code factor * reconstruction + KL} into {@code gradOutput} and {@code gradMoments} and adds
   * the sigmas' gradient.
   */
  private double[] lossAndGradient(int rows, float factor, boolean gradients) {
    float[] values = parameters.values();
    float[] grads = parameters.gradients();
    float scale = factor / rows;
    double reconstruction = 0;
    for (int s = 0; s < spans.scalarCount(); s++) {
      int p = spans.scalarPosition(s);
      float sigma = values[sigmaOffset + p];
      float inverseVariance = 1f / (sigma * sigma);
      double squares = 0;
      for (int r = 0; r < rows; r++) {
        int i = r * width + p;
        float t = Activations.tanh(output[i]);
        float e = input[i] - t;
        squares += e * e;
        if (gradients) {
          gradOutput[i] = -scale * e * inverseVariance * (1f - t * t);
        }
      }
      reconstruction += squares * inverseVariance / 2 + rows * Math.log(sigma);
      if (gradients) {
        grads[sigmaOffset + p] += (float) (scale * (-squares * inverseVariance / sigma + rows / sigma));
      }
    }
    for (int o = 0; o < spans.oneHotCount(); o++) {
      int offset = spans.oneHotOffset(o);
      int spanWidth = spans.oneHotWidth(o);
      for (int r = 0; r < rows; r++) {
        int start = r * width + offset;
        double logNormaliser = SpanIndex.softmax(output, probabilities, start, spanWidth, 1f);
        int target = SpanIndex.argmax(input, start, spanWidth);
        reconstruction += logNormaliser - output[start + target];
        if (gradients) {
          for (int k = 0; k < spanWidth; k++) {
            gradOutput[start + k] = scale * probabilities[start + k];
          }
          gradOutput[start + target] -= scale;
        }
      }
    }
    double kl = 0;
    float inverseRows = 1f / rows;
    for (int r = 0; r < rows; r++) {
      int m = r * 2 * embedding;
      for (int j = 0; j < embedding; j++) {
        float mean = moments[m + j];
        float logVariance = moments[m + embedding + j];
        float variance = (float) Math.exp(logVariance);
        kl += -0.5 * (1 + logVariance - mean * mean - variance);
        if (gradients) {
          gradMoments[m + j] = mean * inverseRows;
          gradMoments[m + embedding + j] = -0.5f * (1 - variance) * inverseRows;
        }
      }
    }
    return new double[] {reconstruction / rows, kl / rows};
  }

  private void backward(int rows) {
    int last = decoder.length - 1;
    float[] dy = gradOutput;
    for (int i = last; i >= 0; i--) {
      float[] x = i > 0 ? decoded[i - 1] : conditioned() ? decoderInput : latent;
      float[] dx = i > 0 ? gradDecoded[i - 1] : conditioned() ? gradDecoderInput : gradLatent;
      decoder[i].backward(blas, x, dy, rows, dx, true, true);
      if (i > 0) {
        Activations.reluBackward(decoded[i - 1], dx, rows * decoder[i - 1].out());
      }
      dy = dx;
    }
    if (conditioned()) {
      // The condition is an input, not a parameter: only the latent part of the gradient flows on.
      for (int r = 0; r < rows; r++) {
        System.arraycopy(gradDecoderInput, r * decoderInputWidth, gradLatent, r * embedding, embedding);
      }
    }
    // latent = mean + exp(logvar / 2) * noise.
    for (int r = 0; r < rows; r++) {
      int m = r * 2 * embedding;
      int z = r * embedding;
      for (int j = 0; j < embedding; j++) {
        float dz = gradLatent[z + j];
        gradMoments[m + j] += dz;
        gradMoments[m + embedding + j] += dz * noise[z + j] * 0.5f * (float) Math.exp(0.5f * moments[m + embedding + j]);
      }
    }
    int top = encoder.length - 1;
    float[] x = top >= 0 ? encoded[top] : input;
    head.backward(blas, x, gradMoments, rows, top >= 0 ? gradEncoded[top] : null, true, true);
    for (int i = top; i >= 0; i--) {
      Activations.reluBackward(encoded[i], gradEncoded[i], rows * encoder[i].out());
      float[] below = i == 0 ? input : encoded[i - 1];
      encoder[i].backward(blas, below, gradEncoded[i], rows, i == 0 ? null : gradEncoded[i - 1], true, true);
    }
  }

  /**
   * The mean negative ELBO per held-out row: reconstruction negative log-likelihood (up to the constant
   * {@code log sqrt(2 pi)} per scalar, without the training's {@code loss-factor}) plus KL, with one latent
   * sample per row drawn from {@code random}.
   */
  @Override
  public double validationLoss(TrainingData data, SplittableRandom random) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException("Cannot compute the validation loss of tvae: there are no held-out rows");
    }
    ensureCapacity(Math.min(VALIDATION_CHUNK, data.rows()));
    double total = 0;
    for (int start = 0; start < data.rows(); start += VALIDATION_CHUNK) {
      int rows = Math.min(VALIDATION_CHUNK, data.rows() - start);
      for (int r = 0; r < rows; r++) {
        data.denseRow(start + r, input, r * width);
      }
      Randoms.gaussian(random, noise, 0, rows * embedding);
      encode(rows);
      sample(rows);
      conditionsFromInput(rows);
      decode(latent, rows);
      double[] losses = lossAndGradient(rows, 1f, false);
      total += (losses[0] + losses[1]) * rows;
    }
    return total / data.rows();
  }

  @Override
  public ModelState state() {
    float[] values = new float[parameters.size() + emaSize()];
    parameters.copyTo(values, 0);
    if (ema != null) {
      System.arraycopy(ema, 0, values, parameters.size(), ema.length);
    }
    float[] updater = new float[adam.stateSize()];
    adam.copyTo(updater, 0);
    return ModelState.wrap(values, updater, steps);
  }

  @Override
  public void load(ModelState state) {
    if (state.parameterCount() != parameters.size() + emaSize()) {
      throw new IllegalArgumentException("Cannot load a state into tvae model: expected "
          + (parameters.size() + emaSize()) + " parameters, found " + state.parameterCount());
    }
    if (state.updaterStateCount() != adam.stateSize()) {
      throw new IllegalArgumentException("Cannot load a state into tvae model: expected " + adam.stateSize()
          + " updater values, found " + state.updaterStateCount());
    }
    float[] values = state.parameters();
    System.arraycopy(values, 0, parameters.values(), 0, parameters.size());
    if (ema != null) {
      System.arraycopy(values, parameters.size(), ema, 0, ema.length);
    }
    float[] updater = state.updaterState();
    adam.copyFrom(updater, 0);
    steps = state.steps();
  }

  /**
   * Decodes {@code z ~ N(0, I)}. With a condition, keeps the rows whose span has the category (rejection), over at
   * most {@code condition-tries} chunks; rows still missing are the generated rows most likely to have it (the
   * largest softmax probability of the category) with the span set to the category, so a rare category never
   * fails but may be less faithful.
   */
  @Override
  public void generate(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
    if (out.length < (long) rows * width) {
      throw new IllegalArgumentException("Cannot generate " + rows + " rows into " + out.length + " values: "
          + (long) rows * width + " are needed");
    }
    if (ema == null) {
      generateWithValues(rows, condition, random, out);
      return;
    }
    // Generation runs the moving average: swapped in for the call, the training values swapped back after.
    float[] values = parameters.values();
    float[] current = values.clone();
    System.arraycopy(ema, 0, values, 0, ema.length);
    try {
      generateWithValues(rows, condition, random, out);
    } finally {
      System.arraycopy(current, 0, values, 0, values.length);
    }
  }

  private int emaSize() {
    return ema == null ? 0 : ema.length;
  }

  /** {@link #generate} with the parameter values as they are now. */
  private void generateWithValues(int rows, GenerationCondition condition, SplittableRandom random, float[] out) {
    if (condition == null) {
      decodeInChunks(rows, -1, random, out);
      return;
    }
    Span span = checkCondition(condition);
    int spanOffset = span.offset();
    int category = condition.category();
    if (spanOffset == conditionOffset) {
      // The decoder's own condition: every row is decoded under the category, nothing is rejected.
      decodeInChunks(rows, category, random, out);
      return;
    }
    int conditioned = conditionedOneHot(spanOffset);
    int filled = 0;
    for (int attempt = 0; attempt < conditionTries && filled < rows; attempt++) {
      int chunk = GENERATION_CHUNK;
      decodeNoise(chunk, -1, random);
      for (int r = 0; r < chunk && filled < rows; r++) {
        if (choices[r * spans.oneHotCount() + conditioned] == category) {
          emitRow(r, out, filled * width);
          filled++;
        }
      }
    }
    if (filled < rows) {
      decodeNoise(GENERATION_CHUNK, -1, random);
      Integer[] order = new Integer[GENERATION_CHUNK];
      float[] likelihood = new float[GENERATION_CHUNK];
      for (int r = 0; r < GENERATION_CHUNK; r++) {
        order[r] = r;
        // The category's log-probability relative to the most likely one: 0 when it is the argmax.
        likelihood[r] = output[r * width + spanOffset + category]
            - output[r * width + spanOffset + SpanIndex.argmax(output, r * width + spanOffset, span.width())];
      }
      Arrays.sort(order, (a, b) -> Float.compare(likelihood[b], likelihood[a]));
      for (int i = 0; filled < rows; i++, filled++) {
        int r = order[i % GENERATION_CHUNK];
        emitRow(r, out, filled * width);
        Arrays.fill(out, filled * width + spanOffset, filled * width + spanOffset + span.width(), 0f);
        out[filled * width + spanOffset + category] = 1f;
      }
    }
  }

  private Span checkCondition(GenerationCondition condition) {
    if (condition.spanIndex() >= layout.spans().size()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": the layout has "
          + layout.spans().size() + " spans");
    }
    Span span = layout.spans().get(condition.spanIndex());
    if (!span.isConditionable()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": span "
          + span + " is not a conditionable one-hot span");
    }
    if (condition.category() >= span.width()) {
      throw new IllegalArgumentException("Cannot generate rows with condition " + condition + ": span " + span
          + " has " + span.width() + " categories");
    }
    return span;
  }

  /** Generates {@code rows} rows into {@code out}, a chunk at a time, under {@code category} as {@link #decodeNoise}. */
  private void decodeInChunks(int rows, int category, SplittableRandom random, float[] out) {
    for (int start = 0; start < rows; start += GENERATION_CHUNK) {
      int chunk = Math.min(GENERATION_CHUNK, rows - start);
      decodeNoise(chunk, category, random);
      emit(chunk, out, start * width);
    }
  }

  /**
   * Decodes {@code rows} fresh latent vectors into {@code output}, draws the scalar noise into
   * {@code probabilities} and picks each one-hot span's category into {@code choices}: a draw from the span's
   * softmax with {@code categorical-sampling=softmax}, else the reference's argmax. The argmax drops
   * every category that is never the most likely one for any latent, so minority categories vanish; drawing
   * from the decoder's distribution is the model's own likelihood. A conditioned decoder decodes every row under
   * {@code category} of its conditioning span, or (when it is -1) under a category drawn from the training
   * frequencies, and that category is the row's.
   */
  private void decodeNoise(int rows, int category, SplittableRandom random) {
    ensureCapacity(rows);
    Randoms.gaussian(random, latent, 0, rows * embedding);
    if (conditioned()) {
      for (int r = 0; r < rows; r++) {
        conditions[r] = category >= 0 ? category : drawCondition(random);
      }
    }
    decode(latent, rows);
    int oneHots = spans.oneHotCount();
    for (int r = 0; r < rows; r++) {
      // Noise only where emitRow reads it: the scalar positions.
      for (int c = 0; c < spans.scalarCount(); c++) {
        probabilities[r * width + spans.scalarPosition(c)] = (float) random.nextGaussian();
      }
      for (int o = 0; o < oneHots; o++) {
        int start = r * width + spans.oneHotOffset(o);
        int spanWidth = spans.oneHotWidth(o);
        choices[r * oneHots + o] = o == conditionOneHot ? conditions[r]
            : sampleCategories ? SpanIndex.sample(output, start, spanWidth, random, exponentials)
            : SpanIndex.argmax(output, start, spanWidth);
      }
    }
  }

  /** A category of the conditioning span, drawn with its training frequency. */
  private int drawCondition(SplittableRandom random) {
    double u = random.nextDouble() * conditionCumulative[conditionCumulative.length - 1];
    int k = 0;
    while (k < conditionCumulative.length - 1 && conditionCumulative[k] <= u) {
      k++;
    }
    return k;
  }

  /** The index among the one-hot spans of the span starting at {@code spanOffset}. */
  private int conditionedOneHot(int spanOffset) {
    for (int o = 0; o < spans.oneHotCount(); o++) {
      if (spans.oneHotOffset(o) == spanOffset) {
        return o;
      }
    }
    throw new IllegalStateException("No one-hot span starts at " + spanOffset);
  }

  private void emit(int rows, float[] out, int offset) {
    for (int r = 0; r < rows; r++) {
      emitRow(r, out, offset + r * width);
    }
  }

  /** Writes decoded row {@code r} as a feature vector: noisy tanh scalars, exact one-hots. */
  private void emitRow(int r, float[] out, int offset) {
    float[] values = parameters.values();
    int base = r * width;
    for (int s = 0; s < spans.scalarCount(); s++) {
      int p = spans.scalarPosition(s);
      float value = Activations.tanh(output[base + p]) + values[sigmaOffset + p] * probabilities[base + p];
      out[offset + p] = Math.max(-1f, Math.min(1f, value));
    }
    for (int o = 0; o < spans.oneHotCount(); o++) {
      int start = spans.oneHotOffset(o);
      int spanWidth = spans.oneHotWidth(o);
      Arrays.fill(out, offset + start, offset + start + spanWidth, 0f);
      out[offset + start + choices[r * spans.oneHotCount() + o]] = 1f;
    }
  }
}
