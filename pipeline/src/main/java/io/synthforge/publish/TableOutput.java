package io.synthforge.publish;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.JobFailedException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.io.StagedOutput;
import io.synthforge.io.Storage;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A published table's directory, written so that readers only ever see complete runs:
 * <pre>
 *   _schema.avsc          the table's Avro schema (column roles, domains, formats): the table is typed by Avro
 *   _table.properties     the file format and table name, checked by appends
 *   run-&lt;run id&gt;/        the data files of one generation run (part-*.zstd.parquet or part-*.csv)
 * </pre>
 * Names starting with {@code _} or {@code .} are invisible to Spark readers. The catalog table reads every run's
 * files as one table ({@code recursiveFileLookup}); direct readers do the same with
 * {@code spark.read().option("recursiveFileLookup", "true").parquet(dir)} or the glob {@code dir/run-*} (pyarrow
 * datasets recurse by default). Run directories carry no {@code key=value} name, so they never read as partitions.
 *
 * <p>{@link WriteMode#ERROR} and {@link WriteMode#OVERWRITE} write the whole directory under a hidden staging
 * sibling and make it visible by rename ({@link StagedOutput}). {@link WriteMode#APPEND} writes the new run under a
 * hidden {@code .run-<id>._staging} directory inside the table and renames it to {@code run-<id>}: one atomic rename
 * on HDFS and local file systems. A failed or killed job leaves at most a hidden staging directory.
 */
public final class TableOutput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableOutput.class);
  /** The Avro schema file inside a published table. */
  public static final String SCHEMA_FILE = "_schema.avsc";
  /** The format marker inside a published table. */
  public static final String PROPERTIES_FILE = "_table.properties";
  static final String AVRO_NAMESPACE = "io.synthforge.schema.tables";

  private final Storage storage;
  private final Path target;
  private final String runId;
  private final StagedOutput whole;
  private final Path appendStaging;
  private boolean committed;

  private TableOutput(Storage storage, Path target, String runId, StagedOutput whole, Path appendStaging) {
    this.storage = storage;
    this.target = target;
    this.runId = runId;
    this.whole = whole;
    this.appendStaging = appendStaging;
  }

  /**
   * Checks {@code target} against {@code mode} (an existing output under {@link WriteMode#ERROR}, or an append to
   * an output of another format or schema, is a usage error) and starts a staged write of run {@code runId}.
   */
  public static TableOutput begin(Storage storage, Path target, WriteMode mode, OutputFormat format, TableMetadata table,
      String runId) {
    if (target.getParent() == null) {
      throw new UsageException("Cannot write sample to " + target + ": it is a file-system root");
    }
    boolean exists = storage.exists(target);
    if (exists && mode == WriteMode.ERROR) {
      throw new UsageException("Cannot write sample to " + target + ": it exists (pass --mode overwrite or --mode append)");
    }
    if (exists && mode == WriteMode.APPEND) {
      checkAppendable(storage, target, format, table);
      Path staging = new Path(target, ".run-" + runId + "._staging");
      return new TableOutput(storage, target, runId, null, staging);
    }
    StagedOutput whole = StagedOutput.begin(storage, target, mode == WriteMode.OVERWRITE);
    whole.prepareParent();
    TableOutput output = new TableOutput(storage, target, runId, whole, null);
    storage.writeText(new Path(whole.staging(), SCHEMA_FILE), schemaText(table));
    storage.writeText(new Path(whole.staging(), PROPERTIES_FILE), properties(format, table));
    return output;
  }

  private static void checkAppendable(Storage storage, Path target, OutputFormat format, TableMetadata table) {
    Path propertiesPath = new Path(target, PROPERTIES_FILE);
    Path schemaPath = new Path(target, SCHEMA_FILE);
    if (!storage.exists(propertiesPath) || !storage.exists(schemaPath)) {
      throw new UsageException("Cannot append to " + target + ": it is not a table published by synthforge (no "
          + PROPERTIES_FILE + " or " + SCHEMA_FILE + ")");
    }
    Properties written = new Properties();
    try {
      written.load(new StringReader(storage.readText(propertiesPath)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!format.key().equals(written.getProperty("format"))) {
      throw new UsageException("Cannot append " + format.key() + " files to " + target + ": it holds "
          + written.getProperty("format") + " files");
    }
    TableMetadata existing = AvroTableSchemas.parse(storage.readText(schemaPath), schemaPath.toString());
    if (!existing.columns().equals(table.columns())) {
      throw new UsageException("Cannot append to " + target + ": its schema " + existing.columns()
          + " differs from the model's " + table.columns());
    }
  }

  private static String schemaText(TableMetadata table) {
    return AvroTableSchemas.toAvro(table, AVRO_NAMESPACE).toString(true) + "\n";
  }

  private static String properties(OutputFormat format, TableMetadata table) {
    Properties properties = new Properties();
    properties.setProperty("format", format.key());
    properties.setProperty("table", table.name());
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "synthforge published table");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The directory this run's data files go to (Spark writes it; it must not exist yet). */
  public Path dataDir() {
    return appendStaging != null ? appendStaging : new Path(whole.staging(), runDirectory(runId));
  }

  /** The table directory that becomes (or stays) visible. */
  public Path target() {
    return target;
  }

  /** The name of run {@code runId}'s data directory inside a table. */
  public static String runDirectory(String runId) {
    return "run-" + runId;
  }

  /** Makes the run visible: renames the staged table into place, or the staged run into the table. */
  public void commit() {
    if (whole != null) {
      whole.commit();
    } else {
      Path visible = new Path(target, runDirectory(runId));
      FileSystem fs = storage.fileSystem(target);
      try {
        if (!fs.exists(target)) {
          throw new JobFailedException("Cannot append to " + target + ": it disappeared while the job ran");
        }
        if (!fs.rename(appendStaging, visible)) {
          throw new JobFailedException("Cannot append to " + target + ": rename from " + appendStaging + " failed");
        }
      } catch (IOException e) {
        throw new JobFailedException("Cannot append to " + target + ": " + e.getMessage(), e);
      }
    }
    committed = true;
    LOG.info("Committed run {} to {}", runId, target);
  }

  /** Removes whatever was staged unless the run was committed. */
  public void abort() {
    if (committed) {
      return;
    }
    if (whole != null) {
      whole.abort();
    } else {
      try {
        storage.deleteIfExists(appendStaging);
      } catch (RuntimeException e) {
        LOG.warn("Cannot remove staging directory {}: {}", appendStaging, e.getMessage());
      }
    }
  }

  /** Whether {@link #commit()} succeeded. */
  public boolean committed() {
    return committed;
  }

  /** Deletes a committed output again (the compensation when its catalog registration fails). */
  public void retract() {
    if (committed && whole != null) {
      storage.deleteIfExists(target);
    } else if (committed) {
      storage.deleteIfExists(new Path(target, runDirectory(runId)));
    }
  }

  @Override
  public void close() {
    abort();
  }
}
