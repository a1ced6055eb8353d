package io.synthforge.publish;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.io.SparkSchemas;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Registers published tables in Spark's persistent catalog (the Hive metastore: embedded Derby under the
 * warehouse by default, {@code hive.metastore.uris} on a cluster), so that {@code synthforge sql}, the Thrift
 * JDBC/ODBC server and notebooks find them by name.
 *
 * <p>Every published table is an external table ({@code CREATE TABLE ... USING parquet|csv LOCATION ...}: dropping
 * it keeps the files) carrying the run's provenance as table properties ({@code synthforge.model},
 * {@code synthforge.run_id}, {@code synthforge.seed}, {@code synthforge.rows}, {@code synthforge.conditions},
 * {@code synthforge.created_at}, ...). Every committed run adds one row to {@value #RUNS_DATABASE}.{@value #RUNS_TABLE}
 * (a managed Parquet table in the warehouse), written by one Spark job commit.
 */
public final class SyntheticCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticCatalog.class);
  /** The database holding synthforge's own tables. */
  public static final String RUNS_DATABASE = "synthforge";
  /** The run log: one row per committed generation run. */
  public static final String RUNS_TABLE = "synthforge_runs";
  /** The property every table published by synthforge carries. */
  public static final String RUN_ID_PROPERTY = "synthforge.run_id";

  private final SparkSession spark;

  private SyntheticCatalog(SparkSession spark) {
    this.spark = spark;
  }

  /** The catalog of {@code spark}, which must have Hive support (a persistent metastore). */
  public static SyntheticCatalog of(SparkSession spark) {
    String implementation = spark.conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!implementation.equals("hive")) {
      throw new UsageException("Cannot use the table catalog: the Spark session has no Hive support "
          + "(spark.sql.catalogImplementation is " + implementation + ")");
    }
    return new SyntheticCatalog(spark);
  }

  /** The schema of the run log. */
  public static StructType runsSchema() {
    return DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("model_run_id", DataTypes.StringType, true),
        DataTypes.createStructField("table_name", DataTypes.StringType, true),
        DataTypes.createStructField("location", DataTypes.StringType, false),
        DataTypes.createStructField("format", DataTypes.StringType, true),
        DataTypes.createStructField("mode", DataTypes.StringType, true),
        DataTypes.createStructField("rows", DataTypes.LongType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("conditions", DataTypes.StringType, true),
        DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
        DataTypes.createStructField("finished_at", DataTypes.TimestampType, false),
        DataTypes.createStructField("duration_ms", DataTypes.LongType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false)});
  }

  /** Whether {@code name} exists. */
  public boolean exists(TableName name) {
    return spark.catalog().tableExists(name.database(), name.table());
  }

  private Optional<CatalogTable> metadata(TableName name) {
    if (!exists(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(spark.sessionState().catalog().getTableMetadata(
          new TableIdentifier(name.table(), Option.apply(name.database()))));
    } catch (Exception e) {
      // Scala's undeclared NoSuchDatabaseException / NoSuchTableException: the table went away meanwhile.
      return Optional.empty();
    }
  }

  /** The location of {@code name}, when it exists and has one. */
  public Optional<String> location(TableName name) {
    return metadata(name).flatMap(table -> {
      Option<java.net.URI> uri = table.storage().locationUri();
      return uri.isDefined() ? Optional.of(uri.get().toString()) : Optional.empty();
    });
  }

  /** The table properties of {@code name} (empty when it does not exist). */
  public Map<String, String> properties(TableName name) {
    return metadata(name).<Map<String, String>>map(table -> new TreeMap<>(JavaConverters.mapAsJavaMap(table.properties())))
        .orElse(Map.of());
  }

  /**
   * Checks, before any data is generated, that {@code name} may be published: under {@link WriteMode#ERROR} it must
   * not exist, and a table that exists must be one synthforge published (never replace someone else's table).
   */
  public void checkPublishable(TableName name, WriteMode mode) {
    if (!exists(name)) {
      return;
    }
    if (mode == WriteMode.ERROR) {
      throw new UsageException("Cannot publish table " + name + ": it exists (pass --mode overwrite or --mode append)");
    }
    if (!properties(name).containsKey(RUN_ID_PROPERTY)) {
      throw new UsageException("Cannot publish table " + name + ": it exists and was not published by synthforge "
          + "(no " + RUN_ID_PROPERTY + " property); choose another --table");
    }
  }

  /**
   * Creates or refreshes the external table {@code name} over {@code location} (the database is created when
   * missing) and sets {@code properties}. A table at another location is re-pointed (dropped, files kept, and
   * created again).
   */
  public void register(TableName name, TableMetadata table, OutputFormat format, Path location, Map<String, String> properties) {
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.database() + "`");
    Optional<String> current = location(name);
    String uri = location.toString();
    if (current.isPresent() && !sameLocation(current.get(), uri)) {
      LOG.info("Re-pointing table {} from {} to {}", name, current.get(), uri);
      spark.sql("DROP TABLE " + name.quoted());
      current = Optional.empty();
    }
    if (current.isEmpty()) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("path", uri);
      // Each run's files sit in their own run-<id>/ directory (see TableOutput).
      options.put("recursiveFileLookup", "true");
      if (format == OutputFormat.CSV) {
        options.put("header", "true");
      }
      spark.catalog().createTable(name.toString(), format.key(), SparkSchemas.of(table), options);
      LOG.info("Registered table {} over {} ({})", name, uri, format.key());
    } else {
      spark.sql("REFRESH TABLE " + name.quoted());
      LOG.info("Refreshed table {} over {}", name, uri);
    }
    setProperties(name, properties);
  }

  private static boolean sameLocation(String a, String b) {
    return new Path(a).toUri().normalize().equals(new Path(b).toUri().normalize());
  }

  /** Sets table properties of {@code name} (e.g. quality scores after evaluation); existing keys are replaced. */
  public void setProperties(TableName name, Map<String, String> properties) {
    if (!exists(name)) {
      throw new UsageException("Cannot set properties of table " + name + ": no such table");
    }
    if (properties.isEmpty()) {
      return;
    }
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
      pairs.add(literal(entry.getKey()) + " = " + literal(entry.getValue()));
    }
    spark.sql("ALTER TABLE " + name.quoted() + " SET TBLPROPERTIES (" + String.join(", ", pairs) + ")");
  }

  /** Appends {@code run} to the run log, creating the log when missing. */
  public void recordRun(RunRecord run) {
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + RUNS_DATABASE + "`");
    TableName runs = TableName.of(RUNS_DATABASE, RUNS_TABLE);
    if (!exists(runs)) {
      // External, at a fixed place under the warehouse: a metastore rebuilt from scratch finds the log again.
      String location = new Path(spark.conf().get("spark.sql.warehouse.dir"), RUNS_DATABASE + ".db/" + RUNS_TABLE).toString();
      spark.catalog().createTable(runs.toString(), "parquet", runsSchema(), Map.of("path", location));
    }
    Row row = RowFactory.create(run.runId(), run.model(), run.modelRunId(), run.table(), run.location(), run.format(),
        run.mode(), run.rows(), run.seed(), run.conditions(), timestamp(run.startedAt()), timestamp(run.finishedAt()),
        run.durationMillis(), run.status());
    try {
      // One row, one file, one job commit: readers see the whole row or nothing.
      spark.createDataFrame(List.of(row), runsSchema()).coalesce(1).write().insertInto(runs.toString());
    } catch (RuntimeException e) {
      throw new JobFailedException("Cannot record run " + run.runId() + " in " + runs + ": " + e.getMessage(), e);
    }
  }

  private Object timestamp(java.time.Instant instant) {
    boolean javaTime = Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    return javaTime ? instant : Timestamp.from(instant);
  }

  /** {@code text} as a Spark SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
