package io.synthforge.jobs;

import io.synthforge.api.UsageException;
import io.synthforge.conf.SparkSessions;
import io.synthforge.eval.EvaluationJob;
import io.synthforge.eval.EvaluationOptions;
import io.synthforge.eval.EvaluationRequest;
import io.synthforge.eval.Gate;
import io.synthforge.eval.QualityCatalog;
import io.synthforge.io.Storage;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge evaluate}: fidelity, utility, privacy and validity of a synthetic table, with gates. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Scores a synthetic table against the real data (fidelity, utility, privacy, validity), writes an HTML "
        + "report, records the metrics in synthforge.synthforge_quality and exits 1 when a quality gate fails.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--real", required = true, paramLabel = "URI", description = "The real training table: a dataset directory (brings its holdout) or Parquet.")
  String real;

  @Option(names = "--synthetic", paramLabel = "URI", description = "The synthetic table (Parquet or CSV written by 'sample'); default: --table's location.")
  String synthetic;

  @Option(names = "--table", paramLabel = "DB.NAME", description = "The synthetic table's catalog name: its properties get the headline scores (synthforge.quality.*).")
  String table;

  @Option(names = "--holdout", paramLabel = "URI", description = "Real rows the model never saw (default: the dataset's holdout/, if any).")
  String holdout;

  @Option(names = "--target", paramLabel = "COL", description = "Binary target for the utility models.")
  String target;

  @Option(names = "--positive", paramLabel = "VALUE", description = "The target's positive value.")
  String positive;

  @Option(names = "--model", paramLabel = "URI", description = "Model bundle whose training-loss curves the report shows.")
  String model;

  @Option(names = "--report", required = true, paramLabel = "DIR", description = "Report directory (report.html, images/, summary.json, metrics/).")
  String report;

  @Option(names = "--fail-under", paramLabel = "METRIC=VALUE", description = "Exit 1 when METRIC is below VALUE (repeatable), e.g. quality=0.8.")
  Map<String, String> failUnder = new LinkedHashMap<>();

  @Option(names = "--gate", paramLabel = "EXPR", description = "A gate such as 'exact_copy_rate<=0.001' or 'valid_rows>=0.98' (repeatable).")
  List<String> gateExpressions = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the evaluation's samples and models (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--gbt-iterations", defaultValue = "50", description = "Boosting rounds of the utility GBT, as a pipeline's evaluate.gbt-iterations (default: ${DEFAULT-VALUE}).")
  int gbtIterations;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if ((target == null) != (positive == null)) {
      throw new UsageException("Cannot evaluate utility: pass both --target COL and --positive VALUE");
    }
    List<Gate> gates = new ArrayList<>();
    for (Map.Entry<String, String> entry : failUnder.entrySet()) {
      gates.add(Gate.parse(entry.getKey() + ">=" + entry.getValue()));
    }
    for (String expression : gateExpressions) {
      gates.add(Gate.parse(expression));
    }
    EvaluationOptions.Builder options = EvaluationOptions.builder().seed(seed).gbtMaxIter(gbtIterations);
    if (target != null) {
      options.target(target, positive);
    }
    TableName tableName = table == null ? null : TableName.parse(table);
    EvaluationRequest request = EvaluationRequest.builder(real, report).synthetic(synthetic).table(tableName)
        .holdout(holdout).model(model).options(options.build()).gates(gates).build();
    SparkSession spark = SparkSessions.start(sparkOptions.settings("evaluate", true));
    try {
      long started = System.currentTimeMillis();
      if (tableName != null) {
        checkTable(SyntheticCatalog.of(spark), tableName, new Storage(spark.sparkContext().hadoopConfiguration()));
      }
      EvaluationJob.Outcome outcome = new EvaluationJob(spark).run(request);
      Map<String, Double> headline = outcome.report().headline();
      PrintWriter out = spec.commandLine().getOut();
      out.println(String.format(Locale.ROOT,
          "Evaluated %s against %s: quality %.3f (column shapes %.3f, pair trends %.3f), valid rows %.4f%s%s. Report: %s (%s).",
          synthetic != null ? synthetic : "table " + table, real, headline.getOrDefault("quality", Double.NaN),
          headline.getOrDefault("column_shapes", Double.NaN),
          headline.getOrDefault("column_pair_trends", Double.NaN), headline.getOrDefault("valid_rows", Double.NaN),
          headline.containsKey("utility_gbt_roc_auc_ratio")
              ? String.format(Locale.ROOT, ", GBT ROC AUC synthetic/real %.3f", headline.get("utility_gbt_roc_auc_ratio")) : "",
          headline.containsKey("dcr_closer_than_holdout_p5")
              ? String.format(Locale.ROOT, ", %.3f of rows closer to training than the holdout's 5th percentile, exact copies %.4f",
                  headline.get("dcr_closer_than_holdout_p5"), headline.getOrDefault("exact_copy_rate", Double.NaN)) : "",
          outcome.reportUri(), IngestCommand.seconds(System.currentTimeMillis() - started)));
      out.println("Recorded as evaluation " + outcome.evaluationId() + " in " + QualityCatalog.LOG.name()
          + outcome.scoredTable().map(name -> "; scores set as " + QualityCatalog.PROPERTY_PREFIX + "* on table " + name)
              .orElse("") + ".");
      out.flush();
      if (!outcome.gates().passed()) {
        PrintWriter err = spec.commandLine().getErr();
        for (String failure : outcome.gates().failures()) {
          err.println("synthforge evaluate: " + failure);
        }
        err.flush();
        return SynthforgeCli.JOB_FAILED;
      }
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }

  /** --table must name a catalog table, over --synthetic when both are given. */
  private void checkTable(SyntheticCatalog catalog, TableName name, Storage storage) {
    if (!catalog.exists(name)) {
      throw new UsageException("Cannot evaluate table " + name + ": no such table in the catalog");
    }
    if (synthetic != null && !catalog.isAt(name, storage.qualify(synthetic).toString())) {
      throw new UsageException("Cannot evaluate table " + name + ": it is registered over "
          + catalog.location(name).orElse("no location") + ", not " + synthetic + " (leave out --synthetic to evaluate the table)");
    }
  }
}
