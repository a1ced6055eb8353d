package io.synthforge.jobs;

import io.synthforge.conf.SparkSessions;
import io.synthforge.demo.DemoDataFormat;
import io.synthforge.demo.DemoDataJob;
import io.synthforge.demo.DemoDataRequest;
import io.synthforge.demo.DemoDataResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge demo-data}: a realistic card / mobile-money transaction log with a rare fraud label. */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
    description = "Simulates a transaction log (customers, merchants, balances, a rare fraud label); deterministic by seed.")
public final class DemoDataCommand implements Callable<Integer> {
  @Option(names = "--rows", required = true, description = "Rows to generate.")
  long rows;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output directory (any Hadoop URI).")
  String out;

  @Option(names = "--format", defaultValue = "csv", description = "csv or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--seed", defaultValue = "42", description = "Root seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", description = "Output partitions (default: one per 250,000 rows, at least the parallelism).")
  Integer partitions;

  @Option(names = "--overwrite", description = "Replace an existing output generated with other options.")
  boolean overwrite;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    DemoDataRequest.Builder builder = DemoDataRequest.builder(rows, out).seed(seed).format(DemoDataFormat.parse(format))
        .overwrite(overwrite);
    if (partitions != null) {
      builder.partitions(partitions);
    }
    DemoDataRequest request = builder.build();
    SparkSession spark = SparkSessions.start(sparkOptions.settings("demo-data", false));
    try {
      DemoDataResult result = new DemoDataJob().run(spark, request);
      String summary = result.upToDate()
          ? String.format(Locale.ROOT, "Demo data in %s is already up to date (%,d rows, seed %d, %s); nothing was rewritten.",
              result.output(), result.rows(), result.seed(), result.format().key())
          : String.format(Locale.ROOT,
              "Generated %,d transactions (%,d fraud, %.3f%%) with seed %d and wrote them as %s to %s (%d files) in %s (%,.0f rows/s).",
              result.rows(), result.fraudRows(), 100.0 * result.fraudRows() / Math.max(1, result.rows()), result.seed(),
              result.format().key(), result.output(), result.files().size(), IngestCommand.seconds(result.elapsedMillis()),
              result.rows() / Math.max(0.001, result.elapsedMillis() / 1000.0));
      spec.commandLine().getOut().println(summary);
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }
}
