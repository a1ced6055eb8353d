package io.synthforge.model.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.model.ModelFixtures;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.Blas;
import io.synthforge.model.nn.ParameterSet;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generator's whole loss, {@code -mean(critic([gumbel-softmax(G(z, c)) | c])) + condition cross-entropy}, with
 * noise, conditions, Gumbel draws and dropout masks fixed by seeds, against central finite differences of the
 * generator's parameters.
 */
class CtganGeneratorGradientTest {
  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  private static Method method(String name, Class<?>... types) throws ReflectiveOperationException {
    Method m = CtganModel.class.getDeclaredMethod(name, types);
    m.setAccessible(true);
    return m;
  }

  private static double loss(CtganModel model, TrainingData data, int rows, int pac, boolean gradients)
      throws ReflectiveOperationException {
    Critic critic = (Critic) field(model, "critic");
    Generator generator = (Generator) field(model, "generator");
    Blas blas = (Blas) field(model, "blas");
    method("generateFakes", int.class, TrainingData.class, SplittableRandom.class, boolean.class)
        .invoke(model, rows, data, new SplittableRandom(21), true);
    float[] fakeCat = (float[]) field(model, "fakeCat");
    int groups = rows / pac;
    float[] scores = critic.forward(blas, fakeCat, groups, new SplittableRandom(22));
    double score = 0;
    for (int g = 0; g < groups; g++) {
      score -= scores[g] / (double) groups;
    }
    float[] dRaw;
    if (gradients) {
      float[] dScores = critic.scoreGradient(groups);
      Arrays.fill(dScores, 0, groups, -1f / groups);
      float[] dCat = critic.backward(blas, fakeCat, dScores, groups, false, true);
      int width = model.layout().width();
      int catWidth = (int) field(model, "catWidth");
      float[] gradActivated = (float[]) field(model, "gradActivated");
      for (int r = 0; r < rows; r++) {
        System.arraycopy(dCat, r * catWidth, gradActivated, r * width, width);
      }
      dRaw = (float[]) method("headBackward", int.class).invoke(model, rows);
    } else {
      dRaw = new float[rows * model.layout().width()];
    }
    double condition = (double) method("conditionLoss", int.class, float[].class).invoke(model, rows, dRaw);
    if (gradients) {
      generator.parameters().zeroGradients();
      generator.backward(blas, dRaw, rows);
    }
    return score + condition;
  }

  @Test
  void generatorLossGradientMatchesFiniteDifferences() throws ReflectiveOperationException {
    ModelFixtures fixture = ModelFixtures.build();
    CtganFamily family = new CtganFamily();
    CtganModel model = (CtganModel) family.create(family.spec(Map.of("embedding-dim", "8", "generator-dims", "16,16",
        "discriminator-dims", "16,16", "pac", "2", "dropout", "0")), fixture.transformer(), 3);
    SplittableRandom warm = new SplittableRandom(4);
    for (int i = 0; i < 10; i++) {
      model.step(fixture.data(), 16, warm);
    }
    int rows = 16;
    Generator generator = (Generator) field(model, "generator");
    ParameterSet parameters = generator.parameters();
    loss(model, fixture.data(), rows, 2, true);
    float[] analytic = parameters.gradients().clone();
    float[] values = parameters.values();
    StringBuilder report = new StringBuilder();
    boolean ok = true;
    SplittableRandom pick = new SplittableRandom(5);
    // Largest gradients plus random ones.
    Integer[] order = new Integer[parameters.trainableSize()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(Math.abs(analytic[b]), Math.abs(analytic[a])));
    int[] probes = new int[16];
    for (int i = 0; i < 8; i++) {
      probes[i] = order[i * 7];
      probes[8 + i] = pick.nextInt(parameters.trainableSize());
    }
    float eps = 2e-3f;
    for (int i : probes) {
      float saved = values[i];
      values[i] = saved + eps;
      double plus = loss(model, fixture.data(), rows, 2, false);
      values[i] = saved - eps;
      double minus = loss(model, fixture.data(), rows, 2, false);
      values[i] = saved;
      double numeric = (plus - minus) / (2 * eps);
      double error = Math.abs(numeric - analytic[i]);
      boolean good = error <= 0.1 * Math.max(Math.abs(numeric), Math.abs(analytic[i])) + 2e-3;
      ok &= good;
      report.append(String.format("%n  param %d: analytic %.5f numeric %.5f %s", i, analytic[i], numeric,
          good ? "" : "MISMATCH"));
    }
    System.out.println("CTGAN generator-loss gradient check:" + report);
    assertTrue(ok, report.toString());
  }
}
