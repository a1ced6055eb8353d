package io.synthforge.model;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.transform.ColumnProfile;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny table for model tests, built without Spark: two correlated categorical columns with skewed frequencies,
 * a bimodal continuous column and a boolean label; its fitted transformer and its training data.
 */
public final class ModelFixtures {
  public static final int ROWS = 2000;

  private final TableTransformer transformer;
  private final TrainingData data;
  private final Object[][] rows;

  private ModelFixtures(TableTransformer transformer, TrainingData data, Object[][] rows) {
    this.transformer = transformer;
    this.data = data;
    this.rows = rows;
  }

  /** The fixture (deterministic). */
  public static ModelFixtures build() {
    TableMetadata metadata = TableMetadata.of("fixture", List.of(
        ColumnSpec.builder("city", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
        ColumnSpec.builder("plan", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
        ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build(),
        ColumnSpec.builder("churn", ColumnType.BOOLEAN, ColumnRole.LABEL).build()));
    Random random = new Random(7);
    String[] cities = {"Paris", "Lyon", "Nice"};
    double[] cityShares = {0.6, 0.3, 0.1};
    String[] plans = {"basic", "plus", "pro", "team"};
    Object[][] rows = new Object[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      int city = pick(random, cityShares);
      // Plan depends on the city, so the columns are correlated.
      double[] planShares = city == 0 ? new double[] {0.5, 0.3, 0.15, 0.05} : new double[] {0.2, 0.2, 0.3, 0.3};
      int plan = pick(random, planShares);
      double amount = plan < 2 ? 20 + 3 * random.nextGaussian() : 100 + 10 * random.nextGaussian();
      rows[r] = new Object[] {cities[city], plans[plan], Math.rint(amount * 100) / 100, random.nextDouble() < 0.2};
    }
    return fitted(metadata, rows, 11L);
  }

  /**
   * A payments table with a rare label whose rows differ from the others in every column: 3,000 rows, 5 %
   * "fraud" rows, 90 % of them on the web channel with amounts near 1,000, against 10 % web and amounts near 50.
   * The channel is the first span, the label the last.
   */
  public static ModelFixtures rareLabelPayments() {
    TableMetadata metadata = TableMetadata.of("payments", List.of(
        ColumnSpec.builder("channel", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
        ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build(),
        ColumnSpec.builder("fraud", ColumnType.STRING, ColumnRole.LABEL).build()));
    Random random = new Random(5);
    Object[][] rows = new Object[3000][];
    for (int r = 0; r < rows.length; r++) {
      boolean fraud = r % 20 == 0;
      double u = random.nextDouble();
      String channel = fraud ? (u < 0.9 ? "web" : "mobile") : (u < 0.1 ? "web" : u < 0.7 ? "mobile" : "card");
      double amount = fraud ? 1000 + 50 * random.nextGaussian() : 50 + 10 * random.nextGaussian();
      rows[r] = new Object[] {channel, Math.rint(amount * 100) / 100, fraud ? "1" : "0"};
    }
    return fitted(metadata, rows, 3L);
  }

  private static ModelFixtures fitted(TableMetadata metadata, Object[][] rows, long seed) {
    TableTransformer transformer = TableTransformer.fit(metadata, profiles(metadata, rows), TransformOptions.defaults(), seed);
    OutputLayout layout = transformer.layout();
    List<float[]> compact = new ArrayList<>();
    for (Object[] row : rows) {
      float[] dense = transformer.encode(row);
      float[] c = new float[layout.spans().size()];
      layout.compact(dense, 0, c, 0);
      compact.add(c);
    }
    return new ModelFixtures(transformer, TrainingData.of(layout, compact), rows);
  }

  private static int pick(Random random, double[] shares) {
    double u = random.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      if (u < shares[i]) {
        return i;
      }
      u -= shares[i];
    }
    return shares.length - 1;
  }

  /** Profiles computed in plain Java (what the ingest job computes on Spark). */
  public static Map<String, ColumnProfile> profiles(TableMetadata metadata, Object[][] rows) {
    return io.synthforge.transform.TransformFixtures.profiles(metadata, rows);
  }

  public TableTransformer transformer() {
    return transformer;
  }

  public TrainingData data() {
    return data;
  }

  public Object[][] rows() {
    return rows;
  }

  /** The share of each category of one-hot span {@code spanIndex} in {@code rows} dense rows of {@code features}. */
  public static double[] shares(OutputLayout layout, int spanIndex, float[] features, int rows) {
    io.synthforge.transform.Span span = layout.spans().get(spanIndex);
    double[] shares = new double[span.width()];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      int start = r * layout.width() + span.offset();
      for (int k = 1; k < span.width(); k++) {
        if (features[start + k] > features[start + best]) {
          best = k;
        }
      }
      shares[best] += 1.0 / rows;
    }
    return shares;
  }

  /** The share of each category of one-hot span {@code spanIndex} in {@code data}. */
  public static double[] shares(TrainingData data, int spanIndex) {
    double[] shares = new double[data.layout().spans().get(spanIndex).width()];
    for (int k = 0; k < shares.length; k++) {
      shares[k] = (double) data.count(spanIndex, k) / data.rows();
    }
    return shares;
  }

  /** Total-variation distance between two distributions. */
  public static double totalVariation(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += Math.abs(p[i] - q[i]);
    }
    return sum / 2;
  }
}
