package io.synthforge.eval.utility;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.eval.EvalColumns;
import io.synthforge.eval.EvaluationOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train-on-synthetic / test-on-real with Spark MLlib. Features: categorical and label columns string-indexed
 * (unseen categories kept in an extra index) and one-hot encoded, numeric columns as they are (datetimes as epoch
 * seconds, missing values imputed with the training mean). Models: gradient-boosted trees and standardised logistic
 * regression, each trained once on the synthetic table and once on the real training table, scored on the holdout.
 * Each PR AUC ratio comes with a paired bootstrap interval over the holdout's rows ({@link PairedBootstrap}).
 */
public final class UtilityEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(UtilityEvaluator.class);
  private static final String LABEL = "label";
  private static final String FEATURES = "features";
  private static final String ROW = "holdout_row";
  /** Bootstrap resamples of the holdout behind each PR AUC ratio interval. */
  static final int BOOTSTRAP_REPLICATES = 200;
  /** The largest holdout whose scores are brought to the driver for the bootstrap (16 bytes a row and model). */
  static final long BOOTSTRAP_MAX_ROWS = 1_000_000L;

  private UtilityEvaluator() {}

  /** Checks that the target is a discrete learned column of {@code table}. */
  public static void validateTarget(TableMetadata table, String target) {
    ColumnSpec spec =
        table
            .column(target)
            .orElseThrow(
                () ->
                    new UsageException(
                        "Cannot train utility models on target '" + target + "': table '" + table.name()
                            + "' has no such column"));
    if (!spec.role().isDiscrete()) {
      throw new UsageException(
          "Cannot train utility models on target '" + target + "': it is a " + spec.role().key()
              + " column; give a categorical or label column");
    }
  }

  /** Utility of {@code synthetic} against {@code real}, both scored on {@code holdout} (all three normalised). */
  public static UtilityResult evaluate(
      Dataset<Row> real, Dataset<Row> synthetic, Dataset<Row> holdout, TableMetadata table, EvaluationOptions options) {
    String target = options.target().orElseThrow();
    String positive = options.positiveValue().orElseThrow();
    validateTarget(table, target);
    List<String> categorical = new ArrayList<>();
    List<String> numeric = new ArrayList<>();
    List<Column> projection = new ArrayList<>();
    projection.add(when(EvalColumns.column(target).equalTo(lit(positive)), 1.0).otherwise(0.0).as(LABEL));
    int index = 0;
    for (ColumnSpec spec : table.learnedColumns()) {
      if (spec.name().equals(target)) {
        continue;
      }
      // Positional names keep Spark ML clear of dots and dashes in column names.
      String feature = "f" + index++;
      projection.add(EvalColumns.column(spec.name()).as(feature));
      (spec.role().isDiscrete() ? categorical : numeric).add(feature);
    }
    Column[] columns = projection.toArray(new Column[0]);
    // A row number pairs the two models' scores of each holdout row for the bootstrap.
    Dataset<Row> test = holdout.select(columns).withColumn(ROW, monotonically_increasing_id()).cache();
    Row counts = test.agg(count(lit(1)), sum(col(LABEL))).first();
    long holdoutRows = counts.getLong(0);
    double positives = counts.isNullAt(1) ? 0 : counts.getDouble(1);

    List<String> notes = new ArrayList<>();
    boolean bootstrap = holdoutRows <= BOOTSTRAP_MAX_ROWS;
    if (!bootstrap) {
      notes.add("Cannot bootstrap the PR AUC ratios: the holdout has " + holdoutRows + " rows, more than "
          + BOOTSTRAP_MAX_ROWS + " brought to the driver");
    }
    Trained onSynthetic =
        train("synthetic", synthetic.select(columns), test, categorical, numeric, options, notes, bootstrap);
    Trained onReal = train("real", real.select(columns), test, categorical, numeric, options, notes, bootstrap);
    test.unpersist();
    List<ModelComparison> models = new ArrayList<>();
    String[] names = {"gbt", "lr"};
    for (int m = 0; m < names.length; m++) {
      RatioInterval interval = onSynthetic.ranked[m] == null || onReal.ranked[m] == null ? RatioInterval.NONE
          : PairedBootstrap.prAucRatio(onSynthetic.ranked[m], onReal.ranked[m], BOOTSTRAP_REPLICATES,
              options.seedFor("utility.bootstrap." + names[m]));
      models.add(new ModelComparison(names[m], onSynthetic.scores[m], onReal.scores[m],
          onSynthetic.scores[m].ratioTo(onReal.scores[m]), interval));
    }
    return new UtilityResult(
        target, positive, holdoutRows, holdoutRows == 0 ? Double.NaN : positives / holdoutRows, models, notes);
  }

  /** The {gbt, lr} models trained on one table: their scores, and their ranked holdout scores (or nulls). */
  private static final class Trained {
    final ModelScores[] scores;
    final RankedScores[] ranked;

    Trained(ModelScores[] scores, RankedScores[] ranked) {
      this.scores = scores;
      this.ranked = ranked;
    }
  }

  /**
   * {gbt, lr} scores of models trained on {@code train}, with each model's holdout scores ranked for the bootstrap
   * when {@code collect}; missing (with a note) when the table has a single class.
   */
  private static Trained train(
      String name,
      Dataset<Row> train,
      Dataset<Row> test,
      List<String> categorical,
      List<String> numeric,
      EvaluationOptions options,
      List<String> notes,
      boolean collect) {
    long classes = train.select(LABEL).distinct().count();
    if (classes < 2) {
      notes.add("Cannot train utility models on the " + name + " data: the target has a single class");
      return new Trained(new ModelScores[] {ModelScores.MISSING, ModelScores.MISSING}, new RankedScores[2]);
    }
    long started = System.nanoTime();
    PipelineModel features = featurePipeline(categorical, numeric).fit(train);
    Dataset<Row> trainFeatures = features.transform(train).select(LABEL, FEATURES).cache();
    Dataset<Row> testFeatures = features.transform(test).select(ROW, LABEL, FEATURES).cache();
    GBTClassifier gbt =
        new GBTClassifier()
            .setLabelCol(LABEL)
            .setFeaturesCol(FEATURES)
            .setMaxIter(options.gbtMaxIter())
            .setMaxDepth(options.gbtMaxDepth())
            .setSeed(options.seedFor("utility.gbt." + name));
    LogisticRegression lr =
        new LogisticRegression()
            .setLabelCol(LABEL)
            .setFeaturesCol(FEATURES)
            .setMaxIter(options.lrMaxIter())
            .setStandardization(true);
    Dataset<Row> gbtPredictions = gbt.fit(trainFeatures).transform(testFeatures);
    Dataset<Row> lrPredictions = lr.fit(trainFeatures).transform(testFeatures);
    ModelScores gbtScores = score(gbtPredictions);
    ModelScores lrScores = score(lrPredictions);
    RankedScores[] ranked = collect ? new RankedScores[] {ranked(gbtPredictions), ranked(lrPredictions)}
        : new RankedScores[2];
    trainFeatures.unpersist();
    testFeatures.unpersist();
    LOG.info("Trained utility models on the {} data in {} ms", name, (System.nanoTime() - started) / 1_000_000);
    return new Trained(new ModelScores[] {gbtScores, lrScores}, ranked);
  }

  /** The holdout's labels and scores (the evaluator's: rawPrediction[1]) in row order, ranked on the driver. */
  private static RankedScores ranked(Dataset<Row> predictions) {
    List<Row> rows = predictions.select(LABEL, "rawPrediction").orderBy(ROW).collectAsList();
    double[] labels = new double[rows.size()];
    double[] scores = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      labels[i] = rows.get(i).getDouble(0);
      scores[i] = ((Vector) rows.get(i).get(1)).apply(1);
    }
    return new RankedScores(labels, scores);
  }

  private static Pipeline featurePipeline(List<String> categorical, List<String> numeric) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();
    if (!categorical.isEmpty()) {
      String[] indexed = categorical.stream().map(c -> c + "_index").toArray(String[]::new);
      String[] encoded = categorical.stream().map(c -> c + "_onehot").toArray(String[]::new);
      stages.add(
          new StringIndexer()
              .setInputCols(categorical.toArray(new String[0]))
              .setOutputCols(indexed)
              .setHandleInvalid("keep"));
      stages.add(new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"));
      assembled.addAll(List.of(encoded));
    }
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(c -> c + "_imputed").toArray(String[]::new);
      stages.add(new Imputer().setInputCols(numeric.toArray(new String[0])).setOutputCols(imputed));
      assembled.addAll(List.of(imputed));
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(new String[0])).setOutputCol(FEATURES));
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  /** ROC AUC and PR AUC from the raw scores, F1 and accuracy from the 0.5-threshold predictions. */
  static ModelScores score(Dataset<Row> predictions) {
    Dataset<Row> scored = predictions.select(LABEL, "rawPrediction", "prediction").cache();
    BinaryClassificationEvaluator evaluator =
        new BinaryClassificationEvaluator().setLabelCol(LABEL).setRawPredictionCol("rawPrediction");
    double rocAuc = evaluator.setMetricName("areaUnderROC").evaluate(scored);
    double prAuc = evaluator.setMetricName("areaUnderPR").evaluate(scored);
    Column actual = col(LABEL).equalTo(1.0);
    Column predicted = col("prediction").equalTo(1.0);
    Row confusion =
        scored
            .agg(
                sum(when(actual.and(predicted), 1L).otherwise(0L)),
                sum(when(not(actual).and(predicted), 1L).otherwise(0L)),
                sum(when(actual.and(not(predicted)), 1L).otherwise(0L)),
                count(lit(1)))
            .first();
    scored.unpersist();
    long truePositives = confusion.getLong(0);
    long falsePositives = confusion.getLong(1);
    long falseNegatives = confusion.getLong(2);
    long rows = confusion.getLong(3);
    long correct = rows - falsePositives - falseNegatives;
    double f1 =
        truePositives == 0 ? 0.0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
    return new ModelScores(rocAuc, prAuc, f1, rows == 0 ? Double.NaN : correct / (double) rows);
  }
}
