package io.synthforge.model.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.ModelFixtures;
import io.synthforge.model.ModelState;
import io.synthforge.model.nn.Dense;
import io.synthforge.model.nn.ParameterSet;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole TVAE loss (reconstruction times the loss factor plus KL, with the batch and the noise fixed by the
 * random seed) against central finite differences, for encoder, head, decoder and sigma parameters. A step with
 * learning rate 0 and no weight decay computes the loss and leaves the analytic gradients without moving the
 * parameters.
 */
class TvaeGradientTest {
  private static ModelFixtures fixture;

  @BeforeAll
  static void buildFixture() {
    fixture = ModelFixtures.build();
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  @Test
  void wholeLossGradientMatchesFiniteDifferences() throws ReflectiveOperationException {
    checkGradients("none");
  }

  /** The decoder conditioned on the label: its input is [latent | label one-hot]; the condition's weights learn too. */
  @Test
  void conditionedDecoderGradientMatchesFiniteDifferences() throws ReflectiveOperationException {
    checkGradients("label");
  }

  private void checkGradients(String conditioning) throws ReflectiveOperationException {
    TvaeFamily family = new TvaeFamily();
    TvaeModel model = (TvaeModel) family.create(family.spec(Map.of("embedding-dim", "8", "compress-dims", "16,16",
        "decompress-dims", "16,16", "learning-rate", "0", "weight-decay", "0", "sigma-init", "0.3",
        "conditioning", conditioning)), fixture.transformer(), 3);
    // A few real steps first so that the ReLUs and sigmas are not at their initial state.
    TvaeModel trained = (TvaeModel) family.create(family.spec(Map.of("embedding-dim", "8", "compress-dims", "16,16",
        "decompress-dims", "16,16", "learning-rate", "1e-3", "sigma-init", "0.3", "conditioning", conditioning)),
        fixture.transformer(), 3);
    assertEquals(conditioning.equals("label"), model.conditioned());
    SplittableRandom warm = new SplittableRandom(5);
    for (int i = 0; i < 20; i++) {
      trained.step(fixture.data(), 32, warm);
    }
    ModelState state = trained.state();
    model.load(ModelState.of(state.parameters(), new float[model.state().updaterStateCount()], 0));
    ParameterSet parameters = (ParameterSet) field(model, "parameters");
    Dense[] encoder = (Dense[]) field(model, "encoder");
    Dense head = (Dense) field(model, "head");
    Dense[] decoder = (Dense[]) field(model, "decoder");
    int sigmaOffset = (int) field(model, "sigmaOffset");
    int rows = 16;
    long seed = 77;
    model.step(fixture.data(), rows, new SplittableRandom(seed));
    float[] analytic = parameters.gradients().clone();
    float[] values = parameters.values();
    int[] probes = {
        encoder[0].weightOffset(), encoder[0].weightOffset() + 17, encoder[0].biasOffset() + 3,
        encoder[1].weightOffset() + 5, encoder[1].biasOffset() + 1,
        head.weightOffset() + 2, head.weightOffset() + 2 * 8 + 9, head.biasOffset() + 1, head.biasOffset() + 8 + 2,
        decoder[0].weightOffset() + 4, decoder[0].biasOffset(), decoder[2].weightOffset() + 3,
        sigmaOffset, sigmaOffset + 1,
        // With a conditioned decoder, weights 8 * 16 onwards of its first layer read the label's one-hot.
        decoder[0].weightOffset() + decoder[0].in() * 16 - 5};
    float eps = 1e-2f;
    StringBuilder report = new StringBuilder();
    boolean ok = true;
    for (int i : probes) {
      float saved = values[i];
      values[i] = saved + eps;
      double plus = model.step(fixture.data(), rows, new SplittableRandom(seed)).get("loss");
      values[i] = saved - eps;
      double minus = model.step(fixture.data(), rows, new SplittableRandom(seed)).get("loss");
      values[i] = saved;
      double numeric = (plus - minus) / (2 * eps);
      double error = Math.abs(numeric - analytic[i]);
      boolean good = error <= 0.05 * Math.max(Math.abs(numeric), Math.abs(analytic[i])) + 2e-3;
      ok &= good;
      report.append(String.format("%n  param %d: analytic %.5f numeric %.5f %s", i, analytic[i], numeric,
          good ? "" : "MISMATCH"));
    }
    System.out.println("TVAE whole-loss gradient check (conditioning " + conditioning + "):" + report);
    assertTrue(ok, report.toString());
  }
}
