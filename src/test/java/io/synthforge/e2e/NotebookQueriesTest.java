package io.synthforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.TableMetadata;
import io.synthforge.conf.SparkSessions;
import io.synthforge.conf.SparkSettings;
import io.synthforge.demo.DemoDataFormat;
import io.synthforge.demo.DemoDataJob;
import io.synthforge.demo.DemoDataRequest;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.SqlQueries;
import io.synthforge.publish.SyntheticCatalog;
import io.synthforge.publish.TableName;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code %%sql} cell of every notebook in {@code notebooks/} runs against a published transaction table
 * (made by the real demo generator) and returns rows. Convention: a cell whose source starts with {@code %%sql}
 * holds one Spark SQL statement, with {@code ${table}} standing for the table.
 */
class NotebookQueriesTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void everyNotebookQueryRunsAndReturnsRows() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("user.dir")).resolve("../notebooks").normalize();
    List<String[]> queries = new ArrayList<>();
    try (Stream<java.nio.file.Path> notebooks = Files.list(root)) {
      for (java.nio.file.Path notebook : notebooks.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
        queries.addAll(sqlCells(notebook));
      }
    }
    assertTrue(queries.size() >= 8, "expected the fraud notebook's queries, found " + queries.size());

    SparkSession spark = SparkSessions.start(SparkSettings.builder("NotebookQueriesTest").master("local[2]")
        .warehouse(dir.resolve("warehouse").toString()).catalog(true)
        // DemoDataJob hands Spark java.sql.Timestamp values, which the java.time API setting refuses.
        .commandLineConf(Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4",
            "spark.sql.datetime.java8API.enabled", "false")).build());
    try {
      String out = dir.resolve("demo").toString();
      new DemoDataJob().run(spark, DemoDataRequest.builder(20_000, out).format(DemoDataFormat.PARQUET).seed(3).build());
      TableMetadata table = AvroTableSchemas.parse(
          Files.readString(root.resolve("../schemas/tables/transactions.avsc")), "transactions.avsc");
      TableName name = TableName.parse("fraud.synthetic");
      SyntheticCatalog.of(spark).register(name, table, OutputFormat.PARQUET, new Path(dir.resolve("demo").toUri()),
          Map.of(SyntheticCatalog.RUN_ID_PROPERTY, "demo"));

      for (String[] query : queries) {
        String sql = query[1].replace("${table}", name.toString());
        List<Row> rows = SqlQueries.run(spark, sql).collectAsList();
        assertFalse(rows.isEmpty(), query[0] + " returned no rows:\n" + sql);
      }
      assertEquals(20_000L, SqlQueries.run(spark, "SELECT count(*) FROM fraud.synthetic").first().getLong(0));
    } finally {
      spark.stop();
    }
  }

  /** The {@code %%sql} cells of {@code notebook}, as {where, statement}. */
  private static List<String[]> sqlCells(java.nio.file.Path notebook) throws Exception {
    JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).path("cells");
    List<String[]> queries = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      StringBuilder source = new StringBuilder();
      JsonNode lines = cell.path("source");
      if (lines.isArray()) {
        lines.forEach(line -> source.append(line.asText()));
      } else {
        source.append(lines.asText());
      }
      String text = source.toString();
      if (cell.path("cell_type").asText().equals("code") && text.startsWith("%%sql")) {
        String statement = text.substring(text.indexOf('\n') + 1).strip();
        queries.add(new String[] {notebook.getFileName() + " cell " + i, statement});
      }
    }
    return queries;
  }
}
