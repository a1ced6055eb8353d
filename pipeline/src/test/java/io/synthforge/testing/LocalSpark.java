package io.synthforge.testing;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The test suite's Spark: {@code local[2]}, no UI, few shuffle partitions, the same session settings as jobs. */
public final class LocalSpark {
  private LocalSpark() {}

  /** A fresh {@code local[2]} session whose warehouse lives under {@code warehouse}. */
  public static SparkSession start(String name, Path warehouse) {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return SparkSession.builder()
        .appName(name)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
        .getOrCreate();
  }
}
