package io.synthforge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import io.synthforge.io.SparkSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/** {@link SyntheticCatalog#publish}: a table re-pointed with its properties in one change, on a real Hive metastore. */
class SyntheticCatalogTest {
  private static final TableMetadata TWO = TableMetadata.of("t", List.of(
      ColumnSpec.builder("type", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
      ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build()));
  private static final TableMetadata THREE = TableMetadata.of("t", List.of(
      ColumnSpec.builder("type", ColumnType.STRING, ColumnRole.CATEGORICAL).build(),
      ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build(),
      ColumnSpec.builder("fee", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build()));

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static SyntheticCatalog catalog;

  @BeforeAll
  static void start() {
    spark = CatalogSpark.start("SyntheticCatalogTest", dir);
    catalog = SyntheticCatalog.of(spark);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** A version directory as TableOutput lays it out: the data under run-x/. */
  private static org.apache.hadoop.fs.Path version(String name, TableMetadata table, OutputFormat format, int rows) {
    List<Row> values = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      values.add(table.columns().size() == 2 ? RowFactory.create(name, (double) i)
          : RowFactory.create(name, (double) i, i / 100.0));
    }
    Path location = dir.resolve("versions/" + name);
    spark.createDataFrame(values, SparkSchemas.of(table)).write().format(format.key()).option("header", "true")
        .save(location.resolve("run-x").toString());
    return new org.apache.hadoop.fs.Path(location.toString());
  }

  private static List<String> rows(TableName name) {
    return spark.table(name.toString()).collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  private static long createTime(TableName name) throws Exception {
    return spark.sessionState().catalog().getTableMetadata(new TableIdentifier(name.table(), Option.apply(name.database())))
        .createTime();
  }

  @Test
  void publishCreatesATableWithItsPropertiesAndRepointsItInPlace() throws Exception {
    TableName name = TableName.parse("synth.csv_versions");
    org.apache.hadoop.fs.Path first = version("first", TWO, OutputFormat.CSV, 3);
    org.apache.hadoop.fs.Path second = version("second", TWO, OutputFormat.CSV, 5);

    catalog.publish(name, TWO, OutputFormat.CSV, first,
        Map.of("synthforge.run_id", "r1", "synthforge.quality.quality", "0.9", "synthforge.quality.old", "1"));

    assertEquals(List.of("[first,0.0]", "[first,1.0]", "[first,2.0]"), rows(name));
    assertEquals("r1", catalog.properties(name).get("synthforge.run_id"));
    spark.sql("ALTER TABLE " + name.quoted() + " SET TBLPROPERTIES ('team' = 'risk')");
    long created = createTime(name);

    catalog.publish(name, TWO, OutputFormat.CSV, second,
        Map.of("synthforge.run_id", "r2", "synthforge.quality.quality", "0.95"));

    assertEquals(5, rows(name).size());
    assertEquals("[second,4.0]", rows(name).get(4));
    assertEquals(second.toUri().getPath(), new org.apache.hadoop.fs.Path(catalog.location(name).orElseThrow()).toUri()
        .getPath());
    Map<String, String> properties = catalog.properties(name);
    assertEquals("r2", properties.get("synthforge.run_id"));
    assertEquals("0.95", properties.get("synthforge.quality.quality"));
    assertFalse(properties.containsKey("synthforge.quality.old"), "an earlier publish's score does not linger");
    assertEquals("risk", properties.get("team"), "other properties are kept");
    assertEquals(created, createTime(name), "altered, not dropped and created again");
  }

  @Test
  void aTableWhoseColumnsChangeIsCreatedAgainWithTheNewColumns() {
    TableName name = TableName.parse("synth.parquet_versions");
    catalog.publish(name, TWO, OutputFormat.PARQUET, version("narrow", TWO, OutputFormat.PARQUET, 2),
        Map.of("synthforge.run_id", "r1"));

    catalog.publish(name, THREE, OutputFormat.PARQUET, version("wide", THREE, OutputFormat.PARQUET, 2),
        Map.of("synthforge.run_id", "r2"));

    assertEquals(List.of("type", "amount", "fee"), List.of(spark.table(name.toString()).columns()));
    assertEquals(List.of("[wide,0.0,0.0]", "[wide,1.0,0.01]"), rows(name));
    assertEquals("r2", catalog.properties(name).get("synthforge.run_id"));
  }
}
