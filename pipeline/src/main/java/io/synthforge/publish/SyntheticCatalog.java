package io.synthforge.publish;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.SynthforgeException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.io.SparkSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.functions;
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
 * {@code synthforge.created_at}, ...). synthforge's own logs live in database {@value #RUNS_DATABASE} as {@link LogTable}s,
 * appended by {@link #append}: every committed run adds one row to {@value #RUNS_DATABASE}.{@value #RUNS_TABLE}, every
 * evaluation one row per metric to {@code synthforge.synthforge_quality} (see {@code eval.QualityCatalog}).
 */
public final class SyntheticCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticCatalog.class);
  /** The database holding synthforge's own tables. */
  public static final String RUNS_DATABASE = "synthforge";
  /** The run log: one row per committed generation run. */
  public static final String RUNS_TABLE = "synthforge_runs";
  /** The property every table published by synthforge carries. */
  public static final String RUN_ID_PROPERTY = "synthforge.run_id";
  /** The prefix of every property synthforge sets on a table. */
  public static final String PROPERTY_PREFIX = "synthforge.";
  /** The run log as a {@link LogTable}. */
  public static final LogTable RUNS = new LogTable(TableName.of(RUNS_DATABASE, RUNS_TABLE), runsSchema(), "run_id", "run");

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
    return metadata(name).flatMap(SyntheticCatalog::location);
  }

  private static Optional<String> location(CatalogTable table) {
    Option<java.net.URI> uri = table.storage().locationUri();
    return uri.isDefined() ? Optional.of(uri.get().toString()) : Optional.empty();
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

  /**
   * Points table {@code name} at {@code location} and sets its provenance in one metastore operation, so a reader sees
   * either the old data with the old properties or the new data with the new ones (the pipeline's publish). An
   * existing table of the same format and columns is altered (location and properties together); a missing one is
   * created with its properties. One whose format or columns change is dropped and created again (files kept): for
   * that moment it is missing, never wrong. The table's {@code synthforge.*} properties become exactly those of
   * {@code properties} (nothing lingers from an earlier publish); other properties are kept.
   */
  public void publish(TableName name, TableMetadata table, OutputFormat format, Path location,
      Map<String, String> properties) {
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.database() + "`");
    StructType schema = SparkSchemas.of(table);
    Optional<CatalogTable> current = metadata(name);
    if (current.isPresent() && !sameShape(current.get(), format, schema)) {
      LOG.warn("Table {} changes format or columns: dropping it (files kept) and creating it again", name);
      spark.sql("DROP TABLE " + name.quoted());
      current = Optional.empty();
    }
    if (current.isEmpty()) {
      List<String> options = new ArrayList<>(List.of(literal("recursiveFileLookup") + " " + literal("true")));
      if (format == OutputFormat.CSV) {
        options.add(literal("header") + " " + literal("true"));
      }
      spark.sql("CREATE TABLE " + name.quoted() + " (" + schema.toDDL() + ") USING " + format.key()
          + " OPTIONS (" + String.join(", ", options) + ") LOCATION " + literal(location.toString())
          + " TBLPROPERTIES (" + pairs(properties) + ")");
      LOG.info("Published table {} over {} ({})", name, location, format.key());
      return;
    }
    Map<String, String> merged = new TreeMap<>();
    for (Map.Entry<String, String> property : JavaConverters.mapAsJavaMap(current.get().properties()).entrySet()) {
      if (!property.getKey().startsWith(PROPERTY_PREFIX)) {
        merged.put(property.getKey(), property.getValue());
      }
    }
    merged.putAll(properties);
    spark.sessionState().catalog().alterTable(CatalogDefinitions.relocated(current.get(), location.toUri(), merged));
    // This session's cached file listing; other sessions refresh on their own (the old version's files stay).
    spark.catalog().refreshTable(name.toString());
    LOG.info("Published table {}: re-pointed from {} to {}", name, location(current.get()).orElse("?"), location);
  }

  /** Whether {@code table} reads {@code format} files with the columns of {@code schema} (nullability aside). */
  private static boolean sameShape(CatalogTable table, OutputFormat format, StructType schema) {
    if (!table.provider().isDefined() || !table.provider().get().equalsIgnoreCase(format.key())) {
      return false;
    }
    StructField[] current = table.schema().fields();
    StructField[] wanted = schema.fields();
    if (current.length != wanted.length) {
      return false;
    }
    for (int i = 0; i < current.length; i++) {
      if (!current[i].name().equals(wanted[i].name()) || !current[i].dataType().equals(wanted[i].dataType())) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} exists and is registered over {@code location}. */
  public boolean isAt(TableName name, String location) {
    return location(name).map(current -> sameLocation(current, location)).orElse(false);
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
    spark.sql("ALTER TABLE " + name.quoted() + " SET TBLPROPERTIES (" + pairs(properties) + ")");
  }

  /** {@code properties} as a TBLPROPERTIES list, in key order. */
  private static String pairs(Map<String, String> properties) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
      pairs.add(literal(entry.getKey()) + " = " + literal(entry.getValue()));
    }
    return String.join(", ", pairs);
  }

  /** Removes the table properties {@code keys} of {@code name}; keys it does not have are ignored. */
  public void unsetProperties(TableName name, Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> literals = new ArrayList<>();
    for (String key : new TreeSet<>(keys)) {
      literals.add(literal(key));
    }
    spark.sql("ALTER TABLE " + name.quoted() + " UNSET TBLPROPERTIES IF EXISTS (" + String.join(", ", literals) + ")");
  }

  /** Appends {@code run} to the run log, creating the log when missing; a run already in the log is not added again. */
  public void recordRun(RunRecord run) {
    append(RUNS, run.runId(), List.of(RowFactory.create(run.runId(), run.model(), run.modelRunId(), run.table(),
        run.location(), run.format(), run.mode(), run.rows(), run.seed(), run.conditions(), run.startedAt(),
        run.finishedAt(), run.durationMillis(), run.status())));
  }

  /**
   * Appends {@code rows} (of {@code log}'s schema; {@link Instant} values for its timestamps), all recorded under
   * {@code key}, to {@code log}, creating the database and the table when missing. The rows go into one file written
   * by one Spark job commit, so readers see all of them or none; when the log already holds {@code key} nothing is
   * added (re-registering the same run leaves one copy). Returns whether the rows were added.
   */
  public boolean append(LogTable log, String key, List<Row> rows) {
    TableName name = log.name();
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.database() + "`");
      if (!exists(name)) {
        // External, at a fixed place under the warehouse: a metastore rebuilt from scratch finds the log again.
        String location = new Path(spark.conf().get("spark.sql.warehouse.dir"), name.database() + ".db/" + name.table())
            .toString();
        spark.catalog().createTable(name.toString(), "parquet", log.schema(), Map.of("path", location));
      } else {
        spark.catalog().refreshTable(name.toString());
        checkColumns(log);
        if (!spark.table(name.toString()).where(functions.col(log.keyColumn()).equalTo(key)).limit(1).isEmpty()) {
          LOG.info("{} {} is already recorded in {}: nothing added", log.noun(), key, name);
          return false;
        }
      }
      List<Row> converted = new ArrayList<>(rows.size());
      for (Row row : rows) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
          values[i] = row.get(i) instanceof Instant ? timestamp((Instant) row.get(i)) : row.get(i);
        }
        converted.add(RowFactory.create(values));
      }
      spark.createDataFrame(converted, log.schema()).coalesce(1).write().insertInto(name.toString());
      LOG.info("Recorded {} {} in {} ({} rows)", log.noun(), key, name, rows.size());
      return true;
    } catch (SynthforgeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JobFailedException("Cannot record " + log.noun() + " " + key + " in " + name + ": " + e.getMessage(), e);
    }
  }

  private void checkColumns(LogTable log) {
    List<String> expected = List.of(log.schema().fieldNames());
    List<String> actual = List.of(spark.table(log.name().toString()).schema().fieldNames());
    if (!expected.equals(actual)) {
      throw new UsageException("Cannot record in " + log.name() + ": its columns are " + actual + ", expected " + expected
          + " (written by another synthforge version; rename the old table)");
    }
  }

  private Object timestamp(Instant instant) {
    boolean javaTime = Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    return javaTime ? instant : Timestamp.from(instant);
  }

  /**
   * One of synthforge's own append-only tables (the run log, the quality log): an external Parquet table at a fixed
   * place under the warehouse, whose rows are recorded per run, keyed by {@code keyColumn}.
   *
   * @param name the table, in database {@value #RUNS_DATABASE}
   * @param schema its columns, in order
   * @param keyColumn the column holding the id under which rows are recorded
   * @param noun what one key names, for messages ({@code run}, {@code evaluation})
   */
  public record LogTable(TableName name, StructType schema, String keyColumn, String noun) {
    public LogTable {
      if (schema.getFieldIndex(keyColumn).isEmpty()) {
        throw new IllegalArgumentException("Cannot define log table " + name + ": no key column " + keyColumn);
      }
    }
  }

  /** {@code text} as a Spark SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
