package io.synthforge.jobs;

import io.synthforge.conf.SparkSessions;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.TableName;
import io.synthforge.publish.WriteMode;
import io.synthforge.sample.CategoryCondition;
import io.synthforge.sample.CategoryRatio;
import io.synthforge.sample.LabelRates;
import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.sample.SampleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge sample}: synthetic rows from a trained model, published atomically as a (catalogued) table. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Generates rows from a trained model on Spark (deterministic by seed, whatever the cluster), "
        + "validates them against the table's Avro schema and publishes them atomically, optionally as a catalog table.")
public final class SampleCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "URI", description = "Model bundle written by 'synthforge train'.")
  String model;

  @Option(names = "--rows", required = true, description = "Rows to generate (exactly).")
  long rows;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Table directory to write (any Hadoop URI).")
  String out;

  @Option(names = "--table", paramLabel = "DB.NAME", description = "Register the output in the catalog under this name.")
  String table;

  @Option(names = "--seed", defaultValue = "42", description = "Root seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--mode", defaultValue = "error",
      description = "error (refuse an existing output or table), overwrite, or append (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--condition", paramLabel = "COL=VALUE",
      description = "Every row has this category (repeat on the same column for several values).")
  List<String> conditions = new ArrayList<>();

  @Option(names = "--ratio", paramLabel = "COL=VALUE:SHARE",
      description = "Exactly round(SHARE * rows) rows have this category; the rest follow the other categories' "
          + "training frequencies (repeatable, one column).")
  List<String> ratios = new ArrayList<>();

  @Option(names = "--label-rates", defaultValue = "real",
      description = "Without --condition/--ratio: 'real' keeps the first label column at its training rates "
          + "exactly (rows conditioned per label value); 'model' leaves the rate to the generator (default: ${DEFAULT-VALUE}).")
  String labelRates;

  @Option(names = "--partitions", description = "Spark tasks (default: one per 2,000,000 rows, rounded up to a multiple of the parallelism).")
  Integer partitions;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  /** How many draws the constraints and the schema rejected, and why; empty when none. */
  static String constraintsLine(SampleResult result) {
    StringBuilder line = new StringBuilder();
    if (result.rejectedDrawCount() > 0) {
      line.append(String.format(Locale.ROOT, " Drew %,d rows again because they broke", result.rejectedDrawCount()));
      String separator = ": ";
      for (java.util.Map.Entry<String, Long> reason : new java.util.TreeMap<>(result.rejectedDraws()).entrySet()) {
        line.append(separator).append(reason.getKey()).append(String.format(Locale.ROOT, " (%,d)", reason.getValue()));
        separator = "; ";
      }
      line.append('.');
    }
    if (!result.unresolvedRows().isEmpty()) {
      line.append(String.format(Locale.ROOT, " %,d written rows still break an enforced constraint after every redraw: %s.",
          result.unresolvedRows().values().stream().mapToLong(Long::longValue).sum(), result.unresolvedRows()));
    }
    return line.toString();
  }

  @Override
  public Integer call() {
    SampleRequest.Builder builder = SampleRequest.builder(model, rows, out)
        .seed(seed)
        .format(OutputFormat.parse(format))
        .mode(WriteMode.parse(mode))
        .labelRates(LabelRates.parse(labelRates));
    if (table != null) {
      builder.table(TableName.parse(table));
    }
    conditions.forEach(text -> builder.condition(CategoryCondition.parse(text)));
    ratios.forEach(text -> builder.ratio(CategoryRatio.parse(text)));
    if (partitions != null) {
      builder.partitions(partitions);
    }
    SampleRequest request = builder.build();
    SparkSession spark = SparkSessions.start(sparkOptions.settings("sample", table != null));
    try {
      SampleResult result = new SampleJob(spark).run(request);
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "Sampled %,d rows (seed %d%s) in %d chunks over %d partitions and wrote them to %s%s in %s (%,.0f rows/s). Run %s.",
          result.rows(), result.seed(), result.conditions().isEmpty() ? "" : ", " + result.conditions(), result.chunks(),
          result.partitions(), result.output(), result.table().map(name -> " as table " + name).orElse(""),
          IngestCommand.seconds(result.elapsedMillis()), result.rows() / Math.max(0.001, result.elapsedMillis() / 1000.0),
          result.runId()) + constraintsLine(result));
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }
}
