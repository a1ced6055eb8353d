package io.synthforge.eval;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.ingest.DatasetLayout;
import io.synthforge.io.SparkSchemas;
import io.synthforge.io.Storage;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A table named by a URI, whatever wrote it: an ingested dataset directory (its {@code rows/}, with the
 * {@code holdout/} and {@code schema.avsc} beside them), a published synthetic table (Parquet or CSV with an
 * {@code _schema.avsc}), or plain Parquet.
 */
public final class TableInput {
  static final String PUBLISHED_SCHEMA = "_schema.avsc";

  private final String uri;
  private final Dataset<Row> rows;
  private final TableMetadata table;
  private final Dataset<Row> holdout;

  private TableInput(String uri, Dataset<Row> rows, TableMetadata table, Dataset<Row> holdout) {
    this.uri = uri;
    this.rows = rows;
    this.table = table;
    this.holdout = holdout;
  }

  /** Opens the table at {@code uri}; {@code fallback} types a table that carries no schema of its own. */
  public static TableInput open(SparkSession spark, Storage storage, String uri, TableMetadata fallback) {
    Path root = storage.qualify(uri);
    if (!storage.exists(root)) {
      throw new UsageException("Cannot evaluate " + uri + ": no such table or directory");
    }
    DatasetLayout dataset = DatasetLayout.at(root);
    if (storage.exists(dataset.manifest()) && storage.exists(dataset.rows())) {
      TableMetadata table = AvroTableSchemas.parse(storage.readText(dataset.schema()), dataset.schema().toString());
      Dataset<Row> holdout = storage.exists(dataset.holdout()) ? spark.read().parquet(dataset.holdout().toString()) : null;
      return new TableInput(uri, spark.read().parquet(dataset.rows().toString()), table, holdout);
    }
    Path schemaFile = new Path(root, PUBLISHED_SCHEMA);
    TableMetadata table = storage.exists(schemaFile)
        ? AvroTableSchemas.parse(storage.readText(schemaFile), schemaFile.toString()) : fallback;
    boolean csv = storage.listInputFiles(uri).stream().map(FileStatus::getPath).map(Path::getName)
        .anyMatch(name -> name.endsWith(".csv"));
    Dataset<Row> rows;
    if (csv) {
      if (table == null) {
        throw new UsageException("Cannot evaluate " + uri + ": a CSV table needs a schema (_schema.avsc or the real dataset's)");
      }
      rows = spark.read().option("header", "true").option("recursiveFileLookup", "true").schema(SparkSchemas.of(table))
          .csv(root.toString());
    } else {
      // Published tables keep each run's files in run-<id>/ directories (see publish.TableOutput).
      rows = spark.read().option("recursiveFileLookup", "true").parquet(root.toString());
    }
    return new TableInput(uri, rows, table, null);
  }

  public String uri() {
    return uri;
  }

  public Dataset<Row> rows() {
    return rows;
  }

  /** The table's schema, when it carries one. */
  public Optional<TableMetadata> table() {
    return Optional.ofNullable(table);
  }

  /** The holdout kept apart at ingest, when the input is a dataset directory that has one. */
  public Optional<Dataset<Row>> holdout() {
    return Optional.ofNullable(holdout);
  }
}
