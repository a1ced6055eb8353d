package io.synthforge.ingest.corpus;

import static org.apache.spark.sql.functions.col;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.ingest.DatasetLayout;
import io.synthforge.ingest.HoldoutSplit;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.ingest.IngestResult;
import io.synthforge.ingest.Quarantine;
import io.synthforge.ingest.SourceFormat;
import io.synthforge.io.AvroSparkTypes;
import io.synthforge.io.InputFiles;
import io.synthforge.io.StagedOutput;
import io.synthforge.io.Storage;
import io.synthforge.provenance.AvroJson;
import io.synthforge.provenance.Fingerprints;
import io.synthforge.provenance.Platform;
import io.synthforge.schema.CorpusManifest;
import io.synthforge.schema.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest of a corpus of images (IDX or image files), audio (WAV) or text: each file is decoded in a task into
 * records of its Avro type (schemas/corpora/), normalised (pixels and samples scaled to [0, 1] and [-1, 1], a
 * spectrogram, Unicode NFC text with tokens); what cannot be decoded goes to the quarantine with its reason, so
 * that {@code read == accepted + quarantined}. Writes rows/, holdout/, quarantine/, schema.avsc and corpus.json
 * atomically, and skips the work when the dataset already holds the same input and options.
 */
public final class CorpusIngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusIngestJob.class);
  private static final String HOLDOUT = Quarantine.HOLDOUT;

  private final SparkSession spark;
  private final Storage storage;

  public CorpusIngestJob(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** Ingests {@code files} (listed from {@code request.input()}) as a corpus of {@code format}. */
  public IngestResult run(IngestRequest request, SourceFormat format, List<FileStatus> files, String runId) {
    long started = System.currentTimeMillis();
    checkRequest(request, format);
    Map<String, Long> timings = new LinkedHashMap<>();
    CorpusDecoder decoder = decoder(format, request.corpus());
    Schema recordSchema = recordSchema(decoder.recordSchemaResource());
    List<InputFile> inputs = InputFiles.describe(storage, files);
    Map<String, String> options = request.describe();
    options.put("format", format.key());
    options.putAll(request.corpus().describe());
    String fingerprint = Fingerprints.of(inputs, options);
    Path datasetPath = storage.qualify(request.dataset());
    IngestResult current = currentDataset(datasetPath, fingerprint, request, runId, started);
    if (current != null) {
      return current;
    }
    List<CorpusInput> work = CorpusInputs.plan(format, CorpusInputs.labelRoot(storage.qualify(request.input())), files);
    LOG.info("Decoding {} file(s) of {} from {}", work.size(), format.key(), request.input());

    long phase = System.currentTimeMillis();
    StructType recordType = AvroSparkTypes.struct(recordSchema);
    Dataset<Row> parsed = decode(work, decoder, recordType, request).persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      Quarantine.Counts counts = countOrFail(parsed, request.input());
      timings.put("decode", System.currentTimeMillis() - phase);
      LOG.info("Read {} records: {} accepted, {} quarantined {}", counts.read(), counts.accepted(), counts.quarantined(),
          counts.byReason());
      Quarantine.checkBadRatio(parsed, counts.read(), counts.quarantined(), request.input(), request.maxBadRatio());
      if (counts.accepted() == 0) {
        throw new JobFailedException("Cannot ingest " + request.input() + ": no record could be decoded");
      }
      phase = System.currentTimeMillis();
      Dataset<Row> good = parsed.filter(col(Quarantine.REASON_CODE).isNull());
      Column[] columns = java.util.Arrays.stream(recordType.fieldNames()).map(functions::col).toArray(Column[]::new);
      long holdoutRows = 0;
      StagedOutput output = StagedOutput.begin(storage, datasetPath, true);
      try (output) {
        output.prepareParent();
        DatasetLayout layout = DatasetLayout.at(output.staging());
        good.filter(functions.not(col(HOLDOUT))).select(columns).write().parquet(layout.rows().toString());
        if (request.holdoutShare() > 0) {
          Dataset<Row> holdout = good.filter(col(HOLDOUT)).select(columns);
          holdout.write().parquet(layout.holdout().toString());
          holdoutRows = spark.read().parquet(layout.holdout().toString()).count();
        }
        Quarantine.table(parsed, runId).write().parquet(layout.quarantine().toString());
        storage.writeText(layout.schema(), recordSchema.toString(true) + "\n");
        timings.put("write", System.currentTimeMillis() - phase);
        CorpusManifest manifest = CorpusManifest.newBuilder()
            .setFormatVersion(DatasetLayout.FORMAT_VERSION)
            .setRunId(runId)
            .setDatasetUri(datasetPath.toString())
            .setSourceFormat(format.key())
            .setRecordSchema(recordSchema.getFullName())
            .setCreatedAt(Instant.now().toString())
            .setInputs(inputs)
            .setInputFingerprint(fingerprint)
            .setOptions(options)
            .setSeed(request.seed())
            .setRecordsRead(counts.read())
            .setRecordsAccepted(counts.accepted())
            .setRecordsQuarantined(counts.quarantined())
            .setRecordsHoldout(holdoutRows)
            .setQuarantinedByReason(counts.byReason())
            .setVersions(Platform.versions())
            .setPlatform(Platform.describe(spark.sparkContext().master()))
            .setTimingsMs(timings)
            .build();
        storage.writeText(layout.corpusManifest(), AvroJson.write(manifest));
        output.commit();
      }
      return IngestResult.corpus(runId, datasetPath.toString(), false, counts.read(), counts.accepted(),
          counts.quarantined(), counts.byReason(), System.currentTimeMillis() - started);
    } finally {
      parsed.unpersist();
    }
  }

  private static void checkRequest(IngestRequest request, SourceFormat format) {
    String what = "Cannot ingest " + request.input() + " as " + format.key() + ": ";
    if (request.schemaUri() != null || request.inferSchemaOut() != null) {
      throw new UsageException(what + "--schema and --infer-schema apply to tables; a corpus's records are typed by "
          + "schemas/corpora/");
    }
    if (!request.labels().isEmpty()) {
      throw new UsageException(what + "--label applies to tables; a corpus takes its labels from IDX label files or "
          + "from the directories its files are in");
    }
    if (request.dataset() == null) {
      throw new UsageException(what + "pass --dataset URI");
    }
  }

  static CorpusDecoder decoder(SourceFormat format, CorpusOptions options) {
    switch (format) {
      case IDX:
        return new IdxDecoder();
      case IMAGES:
        return new ImageFileDecoder(options.imageWidth(), options.imageHeight());
      case AUDIO:
        return new WavDecoder();
      case TEXT:
        return new TextDecoder(options.textSplit());
      default:
        throw new IllegalArgumentException("Cannot decode " + format.key() + " as a corpus: it is a table format");
    }
  }

  /** The Avro record of a decoder's records, from the schemas shipped in the jar. */
  static Schema recordSchema(String resource) {
    try (InputStream in = CorpusIngestJob.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find the record schema " + resource + " on the classpath");
      }
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the record schema " + resource, e);
    }
  }

  private Dataset<Row> decode(List<CorpusInput> work, CorpusDecoder decoder, StructType recordType, IngestRequest request) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = context.broadcast(new SerializableConfiguration(storage.conf()));
    int width = recordType.fields().length;
    long seed = request.seed();
    double holdoutShare = request.holdoutShare();
    int slices = Math.max(1, Math.min(work.size(), context.defaultParallelism() * 4));
    JavaRDD<Row> rows = context.parallelize(work, slices)
        .flatMap(input -> rowsOf(input, decoder, conf, width, seed, holdoutShare));
return spark.createDataFrame(rows, Quarantine.withBookkeeping(recordType.fields()));
  }

  /**
   * The rows of one file: each item's values (null when quarantined) and its bookkeeping columns. Static, so the
   * task closure holds only what it names.
   */
  private static Iterator<Row> rowsOf(CorpusInput input, CorpusDecoder decoder, Broadcast<SerializableConfiguration> conf,
      int width, long seed, double holdoutShare) throws IOException {
    Storage taskStorage = new Storage(conf.value().value());
    CorpusDecoder.Opener opener = uri -> {
      Path path = new Path(uri);
      return taskStorage.fileSystem(path).open(path);
    };
    Iterator<CorpusItem> items = decoder.decode(input, opener);
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Row next() {
        CorpusItem item = items.next();
        Object[] values = new Object[width + 7];
        values[width] = input.uri();
        values[width + 1] = item.offset();
        values[width + 2] = item.line();
        if (item.isAccepted()) {
          System.arraycopy(item.values(), 0, values, 0, width);
          values[width + 6] = holdoutShare > 0 && HoldoutSplit.isHoldout(input.relativePath(), item.offset(), seed, holdoutShare);
        } else {
          values[width + 3] = item.raw();
          values[width + 4] = item.reason().name();
          values[width + 5] = item.message();
          values[width + 6] = false;
        }
        return RowFactory.create(values);
      }
    };
  }

  /** Counts the records, turning a file that cannot be read at all into a one-line job failure. */
  private static Quarantine.Counts countOrFail(Dataset<Row> parsed, String input) {
    try {
      return Quarantine.count(parsed);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && (cause instanceof SparkException || cause.getMessage() == null
          || !cause.getMessage().startsWith("Cannot "))) {
        cause = cause.getCause();
      }
      throw new JobFailedException("Cannot ingest " + input + ": " + cause.getMessage(), e);
    }
  }

  /** The result of an earlier run when the dataset already holds this exact input; refuses to clobber other data. */
  private IngestResult currentDataset(Path datasetPath, String fingerprint, IngestRequest request, String runId, long started) {
    if (!storage.exists(datasetPath)) {
      return null;
    }
    Path manifestPath = DatasetLayout.at(datasetPath).corpusManifest();
    if (storage.exists(manifestPath) && !request.overwrite()) {
      CorpusManifest existing = AvroJson.read(storage.readText(manifestPath), CorpusManifest.class,
          CorpusManifest.getClassSchema(), manifestPath.toString());
      if (existing.getInputFingerprint().equals(fingerprint)) {
        LOG.info("Corpus {} is up to date (same input and options as run {}); nothing to do", datasetPath, existing.getRunId());
        return IngestResult.corpus(runId, datasetPath.toString(), true, existing.getRecordsRead(),
            existing.getRecordsAccepted(), existing.getRecordsQuarantined(), existing.getQuarantinedByReason(),
            System.currentTimeMillis() - started);
      }
    }
    if (!request.overwrite()) {
      throw new UsageException("Cannot write dataset " + datasetPath + ": it exists and holds other input (pass --overwrite to replace it)");
    }
    return null;
  }
}
