package io.synthforge.publish;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code local[2]} session with a persistent Hive catalog (embedded Derby) under {@code dir}, for one test class:
 * start it in {@code @BeforeAll}, stop it in {@code @AfterAll}, so classes sharing a Surefire fork never share a
 * metastore.
 */
public final class CatalogSpark {
  private CatalogSpark() {}

  /** A fresh Hive-enabled session whose warehouse and metastore live under {@code dir}. */
  public static SparkSession start(String name, Path dir) {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    Path warehouse = dir.resolve("warehouse");
    return SparkSession.builder()
        .appName(name)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
        .config("spark.sql.catalogImplementation", "hive")
        .config("javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true")
        .config("hive.metastore.schema.verification", "false")
        .config("datanucleus.schema.autoCreateAll", "true")
        .enableHiveSupport()
        .getOrCreate();
  }
}
