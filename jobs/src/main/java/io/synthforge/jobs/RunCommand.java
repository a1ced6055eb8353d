package io.synthforge.jobs;

import io.synthforge.api.UsageException;
import io.synthforge.conf.SparkSessions;
import io.synthforge.io.Storage;
import io.synthforge.run.PipelineFile;
import io.synthforge.run.PipelineRunner;
import io.synthforge.run.RunOutcome;
import io.synthforge.run.StepRecord;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synthforge run PIPELINE.yaml}: ingest → train → sample → evaluate → publish as one idempotent job. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs a pipeline file end to end; reruns skip steps that are complete and current, resume an "
        + "interrupted training, and --force STEP recomputes. The table is re-pointed at a new sample only when it "
        + "passes every gate; a failed gate exits 1 and leaves the table as it was.")
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "The pipeline file (any Hadoop URI).")
  String pipeline;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a field of the pipeline file, e.g. model.epochs=5 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--force", paramLabel = "STEP", split = ",", description = "Recompute this step and the ones after it: demo-data, ingest, train, sample, evaluate, publish.")
  List<String> force = List.of();

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Storage local = new Storage(new Configuration());
    Path file = local.qualify(pipeline);
    if (!local.exists(file)) {
      throw new UsageException("Cannot read pipeline " + pipeline + ": no such file");
    }
    PipelineFile parsed = PipelineFile.parse(local.readText(file), pipeline, overrides);
    Map<String, String> pipelineConf = parsed.map("spark.conf");
    SparkSession spark = SparkSessions.start(sparkOptions.settings("run " + parsed.requiredText("name"), true, pipelineConf));
    try {
      RunOutcome outcome = new PipelineRunner(spark).run(parsed, new LinkedHashSet<>(force));
      PrintWriter out = spec.commandLine().getOut();
      StringBuilder steps = new StringBuilder();
      for (Map.Entry<String, StepRecord> step : outcome.steps().entrySet()) {
        steps.append(steps.length() == 0 ? "" : ", ").append(step.getKey())
            .append(outcome.ran(step.getKey()) ? String.format(java.util.Locale.ROOT, " (%.1f s)", step.getValue().millis() / 1000.0) : " (up to date)");
      }
      Map<String, String> evaluation = outcome.steps().containsKey("evaluate") ? outcome.steps().get("evaluate").outputs() : Map.of();
      Map<String, String> published = outcome.steps().containsKey("publish") ? outcome.steps().get("publish").outputs() : Map.of();
      String table = published.getOrDefault("table", "");
      out.println("Pipeline " + outcome.pipeline() + " finished in " + IngestCommand.seconds(outcome.millis()) + " (run "
          + outcome.runId() + "): " + steps + ". Quality " + evaluation.getOrDefault("score.quality", "n/a")
          + ", valid rows " + evaluation.getOrDefault("score.valid_rows", "n/a") + ". Report: "
          + evaluation.getOrDefault("report", "n/a") + ". Run manifest: " + outcome.root() + "/runs/" + outcome.runId() + ".json.");
      if (!table.isEmpty()) {
        out.println("Published: table " + table + " reads " + published.getOrDefault("location", "?")
            + " (it changes only when a sample passes every gate).");
        // Single quotes: in double quotes a shell would run the backticks of a quoted column name as a command.
        out.println("Query it: bin/synthforge sql '"
            + exampleQuery(table, parsed.text("evaluate.target", "")).replace("'", "'\\''") + "'");
      }
      out.flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }

  /** A first query of the published table: its rows per value of the evaluated target, else a few rows. */
  static String exampleQuery(String table, String target) {
    if (target.isEmpty()) {
      return "SELECT * FROM " + table + " LIMIT 10";
    }
    String column = target.matches("[A-Za-z_][A-Za-z0-9_]*") ? target : "`" + target.replace("`", "``") + "`";
    return "SELECT " + column + ", count(*) AS n FROM " + table + " GROUP BY " + column + " ORDER BY n DESC";
  }
}
