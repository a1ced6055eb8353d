package io.synthforge.eval.privacy;

import static org.apache.spark.sql.functions.col;

import io.synthforge.api.TableMetadata;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.quality.CategoryFrequencies;
import io.synthforge.eval.quality.NumericSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Privacy checks of a synthetic table against the real training table: distance to closest record for a sample of
 * synthetic rows and of holdout rows (brute force against a broadcast reference of training rows), exact copies (a
 * Spark join on every learned column) and identifier values reused from the training data.
 */
public final class PrivacyEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyEvaluator.class);

  private PrivacyEvaluator() {}

  /** Privacy figures; {@code holdout} (normalised) may be null. Frames other than {@code raw*} are normalised. */
  public static PrivacyResult evaluate(
      SparkSession spark,
      Dataset<Row> real,
      Dataset<Row> synthetic,
      Dataset<Row> holdout,
      Dataset<Row> rawReal,
      Dataset<Row> rawSynthetic,
      TableMetadata table,
      Map<String, NumericSummary> realSummaries,
      CategoryFrequencies frequencies,
      EvaluationOptions options) {
    long realRows = frequencies.realRows();
    long syntheticRows = frequencies.syntheticRows();
    List<String> columns = Arrays.asList(real.columns());
    RowEncoder encoder = RowEncoder.fit(columns, EvalColumns.discrete(table), realSummaries, frequencies);

    Dataset<Row> referenceRows = sample(real, realRows, options.privacyReferenceCap(), options.seedFor("privacy.reference"));
    int capacity = (int) Math.min(realRows, options.privacyReferenceCap());
    Iterator<Row> collected = referenceRows.toLocalIterator();
    ReferenceMatrix reference = ReferenceMatrix.of(encoder, new Iterator<>() {
      @Override
      public boolean hasNext() {
        return collected.hasNext();
      }

      @Override
      public float[] next() {
        return encoder.encode(collected.next());
      }
    }, capacity);
    LOG.info("Searching nearest records among {} real training rows ({} columns)", reference.rows(), encoder.width());

    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ReferenceMatrix> sharedReference = context.broadcast(reference);
    Broadcast<RowEncoder> sharedEncoder = context.broadcast(encoder);
    try {
      int cap = options.privacySampleCap();
      Dataset<Double> syntheticDcr =
          distances(spark, sample(synthetic, syntheticRows, cap, options.seedFor("privacy.synthetic-sample")),
              sharedEncoder, sharedReference).cache();
      long syntheticSampled = syntheticDcr.count();
      double[] syntheticQuantiles = quantiles(syntheticDcr, syntheticSampled);

      long holdoutSampled = 0;
      double[] holdoutQuantiles = {Double.NaN, Double.NaN};
      double closer = Double.NaN;
      if (holdout != null) {
        long holdoutRows = holdout.count();
        Dataset<Double> holdoutDcr =
            distances(spark, sample(holdout, holdoutRows, cap, options.seedFor("privacy.holdout-sample")),
                sharedEncoder, sharedReference).cache();
        holdoutSampled = holdoutDcr.count();
        holdoutQuantiles = quantiles(holdoutDcr, holdoutSampled);
        if (syntheticSampled > 0 && !Double.isNaN(holdoutQuantiles[0])) {
          long closerRows = syntheticDcr.filter(col("value").lt(holdoutQuantiles[0])).count();
          closer = closerRows / (double) syntheticSampled;
        }
        holdoutDcr.unpersist();
      }
      syntheticDcr.unpersist();

      long copies = exactCopies(real, synthetic);
      Map<String, Long> pii = piiMatches(rawReal, rawSynthetic, table);
      long piiTotal = pii.values().stream().mapToLong(Long::longValue).sum();
      return new PrivacyResult(
          reference.rows(),
          syntheticSampled,
          holdoutSampled,
          syntheticQuantiles[0],
          syntheticQuantiles[1],
          holdoutQuantiles[0],
          holdoutQuantiles[1],
          closer,
          copies,
          syntheticRows == 0 ? Double.NaN : copies / (double) syntheticRows,
          pii,
          piiTotal);
    } finally {
      sharedReference.destroy();
      sharedEncoder.destroy();
    }
  }

  /** At most {@code cap} rows of {@code frame} (of {@code rows} rows), drawn with {@code seed}. */
  static Dataset<Row> sample(Dataset<Row> frame, long rows, int cap, long seed) {
    if (rows <= cap) {
      return frame;
    }
    // Oversample a little so that the Bernoulli draw almost surely yields cap rows, then trim.
    double fraction = Math.min(1.0, cap * 1.1 / rows + 1e-3);
    return frame.sample(false, fraction, seed).limit(cap);
  }

  private static Dataset<Double> distances(
      SparkSession spark, Dataset<Row> queries, Broadcast<RowEncoder> encoder, Broadcast<ReferenceMatrix> reference) {
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
    JavaRDD<Double> distances =
        queries
            .repartition(partitions)
            .javaRDD()
            .mapPartitions(
                rows -> {
                  List<float[]> encoded = new ArrayList<>();
                  RowEncoder rowEncoder = encoder.value();
                  while (rows.hasNext()) {
                    encoded.add(rowEncoder.encode(rows.next()));
                  }
                  double[] nearest = reference.value().nearestDistances(encoded.toArray(new float[0][]));
                  return Arrays.stream(nearest).boxed().iterator();
                });
    return spark.createDataset(distances.rdd(), Encoders.DOUBLE());
  }

  /** The exact 5th and 50th percentiles (the samples are capped, so exactness is cheap). */
  private static double[] quantiles(Dataset<Double> distances, long rows) {
    if (rows == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return distances.stat().approxQuantile("value", new double[] {0.05, 0.5}, 0.0);
  }

  /** Synthetic rows equal, on every learned column (nulls equal to nulls), to some training row. */
  static long exactCopies(Dataset<Row> real, Dataset<Row> synthetic) {
    String[] names = real.columns();
    Column condition = null;
    for (String name : names) {
      Column equal = col("s." + EvalColumns.quote(name)).eqNullSafe(col("r." + EvalColumns.quote(name)));
      condition = condition == null ? equal : condition.and(equal);
    }
    return synthetic.as("s").join(real.distinct().as("r"), condition, "left_semi").count();
  }

  /** Per identifier column present in both tables, synthetic rows whose value occurs among the training values. */
  static Map<String, Long> piiMatches(Dataset<Row> rawReal, Dataset<Row> rawSynthetic, TableMetadata table) {
    Map<String, Long> matches = new LinkedHashMap<>();
    List<String> realColumns = Arrays.asList(rawReal.columns());
    List<String> syntheticColumns = Arrays.asList(rawSynthetic.columns());
    for (String name : EvalColumns.identifiers(table)) {
      if (!realColumns.contains(name) || !syntheticColumns.contains(name)) {
        continue;
      }
      Dataset<Row> seen =
          rawReal.select(EvalColumns.column(name).cast("string").as("v")).where(col("v").isNotNull()).distinct();
      Dataset<Row> generated =
          rawSynthetic.select(EvalColumns.column(name).cast("string").as("v")).where(col("v").isNotNull());
      long count = generated.as("g").join(seen.as("t"), col("g.v").equalTo(col("t.v")), "left_semi").count();
      matches.put(name, count);
    }
    return matches;
  }
}
