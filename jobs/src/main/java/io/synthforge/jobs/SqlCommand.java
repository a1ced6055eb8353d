package io.synthforge.jobs;

import io.synthforge.api.UsageException;
import io.synthforge.conf.SparkSessions;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.ResultTable;
import io.synthforge.publish.SqlQueries;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synthforge sql}: one SQL statement against the catalog, shown as a table or written out. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Runs a SQL statement against the catalog of published tables and prints the result as a table.")
public final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL statement, e.g. \"SELECT count(*) FROM fraud.synthetic\".")
  String statement;

  @Option(names = "--out", paramLabel = "URI", description = "Also write the whole result here (csv when the name ends in .csv, else parquet).")
  String out;

  @Option(names = "--format", description = "parquet or csv for --out (default: from the name).")
  String format;

  @Option(names = "--overwrite", description = "Replace an existing --out.")
  boolean overwrite;

  @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (maxRows < 0) {
      throw new UsageException("Cannot print " + maxRows + " rows: --max-rows must be 0 or more");
    }
    SparkSession spark = SparkSessions.start(sparkOptions.settings("sql", true));
    try {
      Dataset<Row> result = SqlQueries.run(spark, statement);
      if (out != null) {
        OutputFormat outputFormat = format != null ? OutputFormat.parse(format) : OutputFormat.fromName(out);
        Path written = SqlQueries.write(spark, result, out, outputFormat, overwrite);
        spec.commandLine().getErr().println("Wrote the result as " + outputFormat.key() + " to " + written);
        spec.commandLine().getErr().flush();
      }
      List<Row> rows = result.limit(maxRows + 1).collectAsList();
      spec.commandLine().getOut().print(ResultTable.format(result.schema(), rows, maxRows, rows.size() > maxRows));
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }
}
