package io.synthforge.ingest;

import static org.apache.spark.sql.functions.col;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.JobFailedException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.RelationRecords;
import io.synthforge.constraint.RowSchema;
import io.synthforge.constraint.spark.RelationMining;
import io.synthforge.ingest.corpus.CorpusIngestJob;
import io.synthforge.io.InputFiles;
import io.synthforge.io.SparkSchemas;
import io.synthforge.io.StagedOutput;
import io.synthforge.io.Storage;
import io.synthforge.provenance.AvroJson;
import io.synthforge.provenance.Fingerprints;
import io.synthforge.provenance.Platform;
import io.synthforge.schema.DatasetManifest;
import io.synthforge.schema.InputFile;
import io.synthforge.schema.Relation;
import io.synthforge.transform.ColumnProfile;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest job: reads a tabular input, types it against a schema (given or inferred), quarantines what
 * cannot be typed, fits the reversible transformer and writes one dataset directory atomically
 * (see {@link DatasetLayout}). Corpora of images, audio and text go to {@link CorpusIngestJob}.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final String FILE = Quarantine.FILE;
  private static final String OFFSET = Quarantine.OFFSET;
  private static final String LINE = Quarantine.LINE;
  private static final String RAW = Quarantine.RAW;
  private static final String REASON_CODE = Quarantine.REASON_CODE;
  private static final String REASON = Quarantine.REASON;
  private static final String HOLDOUT = Quarantine.HOLDOUT;

  private final SparkSession spark;
  private final Storage storage;

  public IngestJob(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** Runs {@code request}; user mistakes raise {@link UsageException}, bad data beyond the limit {@link JobFailedException}. */
  public IngestResult run(IngestRequest request) {
    long started = System.currentTimeMillis();
    String runId = "ingest-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Long> timings = new LinkedHashMap<>();

    List<FileStatus> files = storage.listInputFiles(request.input());
    SourceFormat format = request.format() != null ? request.format() : SourceFormat.fromName(files.get(0).getPath().getName());
    if (!format.tabular()) {
      return new CorpusIngestJob(spark).run(request, format, files, runId);
    }
    TableMetadata declared = request.schemaUri() == null ? null : readSchema(request.schemaUri());
    RecordSource source = open(format, files, request, declared);
    if (declared != null) {
      checkColumnsPresent(declared, source.columns(), request.input());
    }
    LOG.info("Reading {} file(s) of {} from {} ({} columns)", files.size(), format.key(), request.input(), source.columns().size());

    List<InputFile> inputs = InputFiles.describe(storage, files);
    Map<String, String> options = request.describe();
    if (declared != null) {
      options.put("schema.sha256", Fingerprints.ofText(AvroTableSchemas.toAvro(declared, "x").toString()));
    }
    String fingerprint = Fingerprints.of(inputs, options);

    Path datasetPath = request.dataset() == null ? null : storage.qualify(request.dataset());
    if (datasetPath != null && request.inferSchemaOut() == null) {
      IngestResult current = currentDataset(datasetPath, fingerprint, request, runId, started);
      if (current != null) {
        return current;
      }
    }

    long phase = System.currentTimeMillis();
    TableMetadata table = declared;
    if (table == null) {
      String name = datasetPath != null ? datasetPath.getName() : new Path(request.input()).getName().replaceAll("\\..*$", "");
      table = SchemaInferrer.infer(spark, source.records(), source.columns(), request.csv().nullTokens(), request.labels(),
          AvroTableSchemas.avroName(name));
      LOG.info("Inferred schema: {}", table.columns());
      timings.put("infer_schema", System.currentTimeMillis() - phase);
      if (request.inferSchemaOut() != null) {
        Path out = storage.qualify(request.inferSchemaOut());
        storage.writeText(out, AvroTableSchemas.toAvro(table, "io.synthforge.schema.tables").toString(true) + "\n");
        LOG.info("Wrote the inferred schema to {} for review", out);
        return new IngestResult(runId, null, false, 0, 0, 0, Map.of(), 0, System.currentTimeMillis() - started, 0, 0);
      }
    }

    phase = System.currentTimeMillis();
    Dataset<Row> parsed = parse(source, table, request).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Quarantine.Counts counts = Quarantine.count(parsed);
      Map<String, Long> byReason = counts.byReason();
      long accepted = counts.accepted();
      long quarantined = counts.quarantined();
      long read = counts.read();
      timings.put("read_and_type", System.currentTimeMillis() - phase);
      LOG.info("Read {} records: {} accepted, {} quarantined {}", read, accepted, quarantined, byReason);
      Quarantine.checkBadRatio(parsed, read, quarantined, request.input(), request.maxBadRatio());
      if (accepted == 0) {
        throw new JobFailedException("Cannot ingest " + request.input() + ": no record could be accepted");
      }

      // The holdout (when asked for) is split off before anything is fitted, so nothing learned sees it.
      Dataset<Row> good = parsed.filter(col(REASON_CODE).isNull());
      Dataset<Row> rows = good.filter(functions.not(col(HOLDOUT))).select(columns(table));
      Dataset<Row> holdout = good.filter(col(HOLDOUT)).select(columns(table));
      long holdoutRows = request.holdoutShare() > 0 ? holdout.count() : 0;
      phase = System.currentTimeMillis();
      Map<String, ColumnProfile> profiles = ProfileCollector.collect(rows, table, request.seed(), request.profileSampleSize());
      TableTransformer transformer = TableTransformer.fit(table, profiles, request.transform(), request.seed());
      timings.put("fit_transformer", System.currentTimeMillis() - phase);
      LOG.info("Fitted the transformer: {} features from {} learned columns", transformer.layout().width(),
          table.learnedColumns().size());
      phase = System.currentTimeMillis();
      RelationMining.Result mined = RelationMining.mine(rows, table, profiles, request.relations());
      List<Relation> relations = RelationRecords.of(ConstraintSet.compile(RowSchema.of(table, mined.decimals()),
          mined.relations(), ConstraintSet.categories(transformer)), mined.shortfalls());
      timings.put("mine_relations", System.currentTimeMillis() - phase);

      phase = System.currentTimeMillis();
      RoundTripCheck.Result roundTrip;
      StagedOutput output = StagedOutput.begin(storage, datasetPath, true);
      try (output) {
        output.prepareParent();
        DatasetLayout layout = DatasetLayout.at(output.staging());
        rows.write().parquet(layout.rows().toString());
        if (request.holdoutShare() > 0) {
          holdout.write().parquet(layout.holdout().toString());
        }
        Quarantine.table(parsed, runId).write().parquet(layout.quarantine().toString());
        String transformerJson = TransformerCodec.toJson(transformer);
        FeatureEncoder.encode(spark, rows, table, transformerJson).write().parquet(layout.features().toString());
        storage.writeText(layout.schema(), AvroTableSchemas.toAvro(table, "io.synthforge.schema.tables").toString(true) + "\n");
        storage.writeText(layout.transformer(), transformerJson);
        storage.writeText(layout.relations(), RelationsFile.yaml(relations, request.relations(), runId));
        timings.put("write", System.currentTimeMillis() - phase);
        phase = System.currentTimeMillis();
        roundTrip = RoundTripCheck.run(spark, rows, table, transformerJson);
        timings.put("round_trip_check", System.currentTimeMillis() - phase);
        LOG.info("Round trip through the transformer: {} rows with a discrete mismatch, largest continuous error {} of the range",
            roundTrip.categoricalMismatches(), roundTrip.maxContinuousError());
        DatasetManifest manifest = DatasetManifest.newBuilder()
            .setFormatVersion(DatasetLayout.FORMAT_VERSION)
            .setRunId(runId)
            .setDatasetUri(datasetPath.toString())
            .setTableName(table.name())
            .setCreatedAt(Instant.now().toString())
            .setSourceFormat(format.key())
            .setInputs(inputs)
            .setInputFingerprint(fingerprint)
            .setSchemaOrigin(request.schemaUri() == null ? "inferred" : request.schemaUri())
            .setOptions(options)
            .setSeed(request.seed())
            .setRowsRead(read)
            .setRowsAccepted(accepted)
            .setRowsQuarantined(quarantined)
            .setRowsHoldout(holdoutRows)
            .setQuarantinedByReason(byReason)
            .setFeatureWidth(transformer.layout().width())
            .setRoundTripCategoricalMismatches(roundTrip.categoricalMismatches())
            .setRoundTripMaxContinuousError(roundTrip.maxContinuousError())
            .setVersions(Platform.versions())
            .setPlatform(Platform.describe(spark.sparkContext().master()))
            .setTimingsMs(timings)
            .setRelations(relations)
            .setColumnDecimals(mined.decimals())
            .build();
        storage.writeText(layout.manifest(), AvroJson.write(manifest));
        output.commit();
      }
      return new IngestResult(runId, datasetPath.toString(), false, read, accepted, quarantined, byReason,
          transformer.layout().width(), System.currentTimeMillis() - started, roundTrip.categoricalMismatches(),
          roundTrip.maxContinuousError(), relations);
    } finally {
      parsed.unpersist();
    }
  }

  private TableMetadata readSchema(String uri) {
    Path path = storage.qualify(uri);
    if (!storage.exists(path)) {
      throw new UsageException("Cannot read schema " + uri + ": no such file");
    }
    return AvroTableSchemas.parse(storage.readText(path), uri);
  }

  private RecordSource open(SourceFormat format, List<FileStatus> files, IngestRequest request, TableMetadata declared) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> schemaColumns = declared == null ? null : declared.columnNames();
    switch (format) {
      case CSV:
        return CsvSource.open(context, storage, files, request.csv(), schemaColumns);
      case JSON:
        return JsonLinesSource.open(context, storage, files, request.csv().encoding(), schemaColumns);
      case PARQUET:
        return ParquetSource.open(spark, files);
      default:
        throw new UsageException("Cannot ingest format " + format.key() + " as a table");
    }
  }

  private static void checkColumnsPresent(TableMetadata table, List<String> sourceColumns, String input) {
    List<String> missing = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      if (!sourceColumns.contains(column.name())) {
        missing.add(column.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot ingest " + input + ": schema column(s) " + missing + " are not in the input (it has "
          + sourceColumns + ")");
    }
    List<String> ignored = new ArrayList<>(sourceColumns);
    ignored.removeAll(table.columnNames());
    if (!ignored.isEmpty()) {
      LOG.warn("Ignoring input columns not in the schema: {}", ignored);
    }
  }

  /** The result of an earlier run when the dataset already holds this exact input; refuses to clobber other data. */
  private IngestResult currentDataset(Path datasetPath, String fingerprint, IngestRequest request, String runId, long started) {
    DatasetLayout layout = DatasetLayout.at(datasetPath);
    if (!storage.exists(datasetPath)) {
      return null;
    }
    if (storage.exists(layout.manifest())) {
      DatasetManifest existing;
      try {
        existing = AvroJson.read(storage.readText(layout.manifest()), DatasetManifest.class,
            DatasetManifest.getClassSchema(), layout.manifest().toString());
      } catch (io.synthforge.api.SynthforgeException e) {
        // A manifest this release cannot read (older layout): the dataset cannot be current.
        LOG.warn("Cannot read the existing manifest of {}: {}", datasetPath, e.getMessage());
        existing = null;
      }
      if (existing != null && existing.getInputFingerprint().equals(fingerprint) && !request.overwrite()) {
        LOG.info("Dataset {} is up to date (same input and options as run {}); nothing to do", datasetPath, existing.getRunId());
        return new IngestResult(runId, datasetPath.toString(), true, existing.getRowsRead(), existing.getRowsAccepted(),
            existing.getRowsQuarantined(), existing.getQuarantinedByReason(), existing.getFeatureWidth(),
            System.currentTimeMillis() - started, existing.getRoundTripCategoricalMismatches(),
            existing.getRoundTripMaxContinuousError(), existing.getRelations());
      }
    }
    if (!request.overwrite()) {
      throw new UsageException("Cannot write dataset " + datasetPath + ": it exists and holds other input (pass --overwrite to replace it)");
    }
    return null;
  }

  private Dataset<Row> parse(RecordSource source, TableMetadata table, IngestRequest request) {
    RecordConverter converter = new RecordConverter(table, source.columns(), request.csv().nullTokens());
    int width = table.columns().size();
    double holdoutShare = request.holdoutShare();
    long holdoutSeed = request.seed();
    JavaRDD<Row> rows = source.records().map(record -> {
      Object[] values = new Object[width + 7];
      values[width + 6] = holdoutShare > 0 && HoldoutSplit.isHoldout(record, holdoutSeed, holdoutShare);
      values[width] = record.file();
      values[width + 1] = record.offset();
      values[width + 2] = record.line();
      if (record.isMalformed()) {
        values[width + 3] = record.raw();
        values[width + 4] = record.reason().name();
        values[width + 5] = record.message();
        return RowFactory.create(values);
      }
      RecordConverter.Result result = converter.convert(record.fields());
      if (result.isAccepted()) {
        System.arraycopy(result.values(), 0, values, 0, width);
      } else {
        values[width + 3] = record.raw();
        values[width + 4] = result.reason().name();
        values[width + 5] = result.message();
      }
      return RowFactory.create(values);
    });
return spark.createDataFrame(rows, Quarantine.withBookkeeping(SparkSchemas.of(table).fields()));
  }

  private static org.apache.spark.sql.Column[] columns(TableMetadata table) {
    return table.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
  }
}
