package io.synthforge.eval;

import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.eval.privacy.PrivacyEvaluator;
import io.synthforge.eval.privacy.PrivacyResult;
import io.synthforge.eval.quality.CategoryFrequencies;
import io.synthforge.eval.quality.LabelRate;
import io.synthforge.eval.quality.NumericSummary;
import io.synthforge.eval.quality.QualityEvaluator;
import io.synthforge.eval.quality.QualityResult;
import io.synthforge.eval.quality.RelationEvaluator;
import io.synthforge.eval.quality.RelationSupport;
import io.synthforge.eval.quality.ValidityEvaluator;
import io.synthforge.eval.utility.UtilityEvaluator;
import io.synthforge.provenance.Platform;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a synthetic table against the real table it was learned from: fidelity (SDMetrics quality), validity,
 * label rates, machine-learning utility and privacy. Everything is aggregated on Spark; the driver receives
 * summaries (counts per category or bin, per-pair scores, quantiles) and, for privacy, a capped reference sample.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /**
   * The evaluation of {@code synthetic} against the real training table {@code real}; {@code holdout} (real rows the
   * generator never saw) may be null, in which case utility and holdout DCR are skipped and the report says so.
   */
  public static EvaluationReport evaluate(
      SparkSession spark,
      Dataset<Row> real,
      Dataset<Row> synthetic,
      Dataset<Row> holdout,
      TableMetadata table,
      EvaluationOptions options) {
    return evaluate(spark, real, synthetic, holdout, table, options, ConstraintSet.empty(table));
  }

  /**
   * As {@link #evaluate(SparkSession, Dataset, Dataset, Dataset, TableMetadata, EvaluationOptions)}, also measuring
   * how each rule of {@code relations} (declared constraints, discovered relations) holds in the real and the
   * synthetic rows.
   */
  public static EvaluationReport evaluate(
      SparkSession spark,
      Dataset<Row> real,
      Dataset<Row> synthetic,
      Dataset<Row> holdout,
      TableMetadata table,
      EvaluationOptions options,
      ConstraintSet relations) {
    if (spark == null || real == null || synthetic == null || table == null || options == null) {
      throw new UsageException("Cannot evaluate: the session, real data, synthetic data, table and options are required");
    }
    options.target().ifPresent(target -> UtilityEvaluator.validateTarget(table, target));
    EvaluationReport.Builder report =
        EvaluationReport.builder().table(table.name()).options(options.describe()).versions(Platform.versions());

    Dataset<Row> realView = EvalColumns.normalise(real, table, "real").cache();
    Dataset<Row> syntheticView = EvalColumns.normalise(synthetic, table, "synthetic").cache();
    Dataset<Row> holdoutView = holdout == null ? null : EvalColumns.normalise(holdout, table, "holdout").cache();
    try {
      long realRows = timed(report, "count", realView::count);
      long syntheticRows = syntheticView.count();
      Long holdoutRows = holdoutView == null ? null : holdoutView.count();
      report.rows(realRows, syntheticRows, holdoutRows);
      if (realRows == 0) {
        throw new UsageException("Cannot evaluate table '" + table.name() + "': the real data has no rows");
      }
      LOG.info(
          "Evaluating table '{}': {} real, {} synthetic, {} holdout rows",
          table.name(), realRows, syntheticRows, holdoutRows == null ? "no" : holdoutRows);

      Map<String, NumericSummary> realSummaries =
          timed(report, "summaries", () -> NumericSummary.of(realView, EvalColumns.numeric(table)));
      CategoryFrequencies frequencies =
          timed(
              report,
              "frequencies",
              () ->
                  CategoryFrequencies.of(
                      realView, syntheticView, EvalColumns.discrete(table), realRows, syntheticRows));
      QualityResult quality =
          timed(
              report,
              "quality",
              () -> QualityEvaluator.evaluate(realView, syntheticView, table, realSummaries, frequencies, options));
      LOG.info(
          "Quality {} (column shapes {}, pair trends {})",
          quality.score(), quality.columnShapes(), quality.columnPairTrends());
      report.quality(quality);
      report.validity(
          timed(
              report,
              "validity",
              () -> ValidityEvaluator.evaluate(syntheticView, synthetic, table, realSummaries, frequencies)));
      report.labelRates(LabelRate.of(table, frequencies));
      if (!relations.rules().isEmpty()) {
        List<RelationSupport> supports =
            timed(report, "relations", () -> RelationEvaluator.evaluate(real, synthetic, relations));
        report.relations(supports);
        for (RelationSupport support : supports) {
          LOG.info(
              "Relation '{}': real support {} of {} rows, synthetic {} of {} rows",
              support.relation(), support.realSupport(), support.realRows(), support.syntheticSupport(),
              support.syntheticRows());
        }
      }

      if (options.target().isEmpty()) {
        report.note("Utility skipped: no target column was given");
      } else if (holdoutView == null) {
        report.note("Utility skipped: it needs a real holdout to score the models on");
      } else {
        report.utility(
            timed(report, "utility", () -> UtilityEvaluator.evaluate(realView, syntheticView, holdoutView, table, options)));
      }
      if (holdoutView == null) {
        report.note("Holdout DCR skipped: no real holdout was given, so synthetic distances have no baseline");
      }
      PrivacyResult privacy =
          timed(
              report,
              "privacy",
              () ->
                  PrivacyEvaluator.evaluate(
                      spark, realView, syntheticView, holdoutView, real, synthetic, table, realSummaries, frequencies,
                      options));
      report.privacy(privacy);
      return report.build();
    } finally {
      realView.unpersist();
      syntheticView.unpersist();
      if (holdoutView != null) {
        holdoutView.unpersist();
      }
    }
  }

  private static <T> T timed(EvaluationReport.Builder report, String stage, Supplier<T> work) {
    long started = System.nanoTime();
    T result = work.get();
    long millis = (System.nanoTime() - started) / 1_000_000;
    report.timing(stage, millis);
    LOG.info("Evaluation stage '{}' took {} ms", stage, millis);
    return result;
  }
}
