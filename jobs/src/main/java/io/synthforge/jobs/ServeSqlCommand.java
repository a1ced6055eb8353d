package io.synthforge.jobs;

import io.synthforge.conf.SparkSessions;
import io.synthforge.publish.SqlServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge serve-sql}: Spark's Thrift JDBC/ODBC server over the catalog, until the process is stopped. */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
    description = "Serves the catalog of published tables over JDBC/ODBC (HiveServer2 protocol) until stopped.")
public final class ServeSqlCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "10000", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    SparkSession spark = SparkSessions.start(sparkOptions.settings("serve-sql", true));
    SqlServer server = SqlServer.start(spark, host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "serve-sql-shutdown"));
    spec.commandLine().getOut().println("Serving SQL on " + server.jdbcUrl()
        + " (e.g. beeline -u " + server.jdbcUrl() + "); stop with Ctrl-C.");
    spec.commandLine().getOut().flush();
    stopped.await();
    return SynthforgeCli.OK;
  }
}
