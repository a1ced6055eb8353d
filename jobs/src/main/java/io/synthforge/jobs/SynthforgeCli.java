package io.synthforge.jobs;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.provenance.Platform;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code synthforge} command line: one sub-command per job, the same whether started by
 * {@code bin/synthforge} or by {@code spark-submit --class io.synthforge.jobs.SynthforgeCli <jar> ...}.
 *
 * <p>Exit codes: 0 success, 1 the job failed, 2 a usage or configuration mistake (one line, no stack trace).
 */
@Command(
    name = "synthforge",
    mixinStandardHelpOptions = true,
    versionProvider = SynthforgeCli.Version.class,
    description = "Learns generative models from tables on Spark and publishes synthetic datasets.",
    subcommands = {DemoDataCommand.class, IngestCommand.class, TrainCommand.class, SampleCommand.class, EvaluateCommand.class, RunCommand.class,
        SqlCommand.class, ServeSqlCommand.class})
public final class SynthforgeCli implements Runnable {
  public static final int OK = 0;
  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'synthforge --help'");
  }

  public static void main(String[] args) {
    int code = execute(args);
    System.exit(code);
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its summary going to {@code out} and its errors to {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new SynthforgeCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(SynthforgeCli::usageError);
    commandLine.setExecutionExceptionHandler((exception, line, parsed) -> failure(exception, line));
    return commandLine.execute(args);
  }

  private static int usageError(CommandLine.ParameterException exception, String[] args) {
    PrintWriter err = exception.getCommandLine().getErr();
    err.println("synthforge: " + exception.getMessage() + " (see '" + qualified(exception.getCommandLine()) + " --help')");
    err.flush();
    return USAGE;
  }

  private static String qualified(CommandLine line) {
    return line.getParent() == null ? line.getCommandName() : "synthforge " + line.getCommandName();
  }

  private static int failure(Exception exception, CommandLine line) {
    PrintWriter err = line.getErr();
    UsageException usage = find(exception, UsageException.class);
    if (usage != null) {
      err.println("synthforge: " + usage.getMessage());
      err.flush();
      return USAGE;
    }
    JobFailedException failed = find(exception, JobFailedException.class);
    if (failed != null) {
      err.println("synthforge " + line.getCommandName() + " failed: " + failed.getMessage());
      err.flush();
      return JOB_FAILED;
    }
    err.println("synthforge " + line.getCommandName() + " failed: " + exception);
    exception.printStackTrace(err);
    err.flush();
    return JOB_FAILED;
  }

  /** The first {@code type} in the cause chain of {@code error} (Spark wraps task failures). */
  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** Reports the synthforge and Spark versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"synthforge " + Platform.synthforgeVersion() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", Java " + System.getProperty("java.version") + ")"};
    }
  }
}
