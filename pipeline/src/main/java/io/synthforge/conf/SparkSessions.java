package io.synthforge.conf;

import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session of a job from {@link SparkSettings}. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code settings}. The master is the command line's, else spark-submit's, else
   * {@code local[*]}. Sessions always use UTC and Java 8 date/time values so that runs are reproducible
   * across machines and time zones.
   */
  public static SparkSession start(SparkSettings settings) {
    SparkConf submitted = new SparkConf(true);
    String master = settings.master() != null ? settings.master() : submitted.get("spark.master", "local[*]");
    String warehouse = absolute(settings.warehouse());
    SparkSession.Builder builder = SparkSession.builder()
        .appName(settings.appName())
        .master(master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.ui.showConsoleProgress", "true");
    if (master.startsWith("local")) {
      // A handful of shuffle partitions fits one machine; 200 would be mostly scheduling overhead.
      builder.config("spark.sql.shuffle.partitions", "8");
      // A training round returns each worker's model state (tens of MB). Above 1 MB (Spark's default) a task
      // result is parked in the block manager and fetched back over the loopback network: ~170 ms per round
      // for ctgan on Adult. In one process the direct path is a hand-over (capped by spark.rpc.message.maxSize).
      builder.config("spark.task.maxDirectResultSize", "128m");
    }
    if (settings.catalog()) {
      builder.enableHiveSupport()
          .config("javax.jdo.option.ConnectionURL",
              "jdbc:derby:;databaseName=" + new Path(warehouse, "metastore_db").toUri().getPath() + ";create=true")
          .config("spark.sql.catalogImplementation", "hive");
    }
    for (Map.Entry<String, String> entry : settings.conf().entrySet()) {
      builder.config(entry.getKey(), entry.getValue());
    }
    return builder.getOrCreate();
  }

  private static String absolute(String uri) {
    Path path = new Path(uri);
    if (path.toUri().getScheme() != null) {
      return uri;
    }
    return new java.io.File(uri).getAbsoluteFile().toURI().toString();
  }
}
