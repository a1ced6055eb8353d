package io.synthforge.publish;

import io.synthforge.api.UsageException;
import io.synthforge.io.StagedOutput;
import io.synthforge.io.Storage;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs analysts' SQL against the catalog and writes results. */
public final class SqlQueries {
  private SqlQueries() {}

  /** The result of {@code sql}; a query that does not parse or names unknown tables or columns is a usage error. */
  public static Dataset<Row> run(SparkSession spark, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new UsageException("Cannot run query: it is empty");
    }
    try {
      return spark.sql(sql);
    } catch (Exception e) {
      // Scala declares nothing: ParseException and AnalysisException arrive undeclared (both are AnalysisExceptions).
      if (e instanceof AnalysisException) {
        throw new UsageException("Cannot run query: " + firstLine(e.getMessage()), e);
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code result} to {@code uri} as {@code format}, atomically (staged, then renamed); an existing output
   * is replaced only when {@code overwrite}.
   */
  public static Path write(SparkSession spark, Dataset<Row> result, String uri, OutputFormat format, boolean overwrite) {
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    Path target = storage.qualify(uri);
    if (storage.exists(target) && !overwrite) {
      throw new UsageException("Cannot write query result to " + uri + ": it exists (pass --overwrite)");
    }
    try (StagedOutput output = StagedOutput.begin(storage, target, overwrite)) {
      output.prepareParent();
      if (format == OutputFormat.CSV) {
        result.write().option("header", "true").option("escape", "\"").csv(output.staging().toString());
      } else {
        result.write().option("compression", "zstd").parquet(output.staging().toString());
      }
      output.commit();
    }
    return target;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
