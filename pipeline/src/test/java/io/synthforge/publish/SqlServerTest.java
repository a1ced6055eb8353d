package io.synthforge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.sample.SampleJob;
import io.synthforge.sample.SampleRequest;
import io.synthforge.sample.TestBundles;
import io.synthforge.sample.TestModels;
import io.synthforge.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A published table queried over JDBC through Spark's Thrift server, with the Hive JDBC driver. */
class SqlServerTest {
  @TempDir
  static Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("SqlServerTest", dir);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void answersJdbcQueriesOnPublishedTables() throws Exception {
    String model = TestBundles.bundle(spark, Fixtures.goodCsv(500, 4), Fixtures.SCHEMA, dir.resolve("input").toString(),
        dir.resolve("dataset").toString(), dir.resolve("model").toString());
    new SampleJob(spark, TestModels.frequencies(0)).run(SampleRequest.builder(model, 7_000, dir.resolve("out").toString())
        .table(TableName.parse("synth.jdbc")).build());

    try (SqlServer server = SqlServer.start(spark, "127.0.0.1", 0)) {
      Class.forName("org.apache.hive.jdbc.HiveDriver");
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "analyst", "");
          Statement statement = connection.createStatement()) {
        try (ResultSet result = statement.executeQuery("SELECT kind, count(*) AS n FROM synth.jdbc GROUP BY kind ORDER BY kind")) {
          long total = 0;
          int groups = 0;
          while (result.next()) {
            total += result.getLong("n");
            groups++;
          }
          assertEquals(7_000L, total);
          assertTrue(groups >= 2, "groups: " + groups);
        }
        try (ResultSet tables = statement.executeQuery("SHOW TABLES IN synth")) {
          assertTrue(tables.next());
          assertEquals("jdbc", tables.getString("tableName"));
        }
      }
    }
  }
}
