package io.synthforge.demo;

import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.io.StagedOutput;
import io.synthforge.io.Storage;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a simulated transaction log ({@link TransactionLogSimulator}) with Spark, so the quickstart has a
 * meaningful input without external data.
 *
 * <p>The rows are fixed by (seed, rows) alone: the log is cut into the simulator's standard shards, which Spark
 * partitions take in contiguous runs, so neither the number of executors nor the number of partitions changes
 * the content (only how it is split into files), and the files are named by partition, not by Spark's random job
 * id, so the same request writes the same files. The output appears atomically: Spark writes a sibling
 * hidden staging directory, which is renamed to {@code <out>} once complete (see {@link StagedOutput}).
 */
public final class DemoDataJob {
  /** Rows per partition when the request does not fix the partitions. */
  public static final long ROWS_PER_PARTITION = 250_000L;

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataJob.class);
  /** Marker file naming the request a directory was generated for; Hadoop readers skip '_' files. */
  static final String MARKER = "_demo-data.properties";
  /** Bumped whenever the simulator's output for a seed changes, so old outputs are not taken as current. */
  static final int SIMULATOR_VERSION = 2;
  private static final String PARQUET_TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";
  private static final java.util.regex.Pattern SPARK_JOB_UUID =
      java.util.regex.Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=-c\\d+)");

  /** Generates {@code request.rows()} rows and writes them to {@code request.output()}. */
  public DemoDataResult run(SparkSession spark, DemoDataRequest request) {
    long started = System.nanoTime();
    FileSystem fs;
    Path target;
    try {
      Path given = new Path(request.output());
      fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
      target = fs.makeQualified(given);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("Cannot write demo data to " + request.output() + ": " + e.getMessage(), e);
    }
    if (target.getParent() == null) {
      throw new UsageException("Cannot write demo data to " + request.output() + ": it is a file-system root");
    }
    DemoDataResult current = upToDate(fs, target, request, started);
    if (current != null) {
      return current;
    }
    if (!request.overwrite() && exists(fs, target)) {
      throw alreadyExists(request);
    }
    int shards = TransactionLogSimulator.shardCount(request.rows());
    int partitions = partitions(spark, request, shards);
    LOG.info("Generating {} demo rows (seed {}) as {} shards in {} partitions into {}", request.rows(), request.seed(),
        shards, partitions, target);

    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator rowsWritten = context.sc().longAccumulator("demo-data.rows");
    LongAccumulator fraudWritten = context.sc().longAccumulator("demo-data.fraud-rows");
    List<Integer> shardIndices = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      shardIndices.add(i);
    }
    boolean parquet = request.format() == DemoDataFormat.PARQUET;
    JavaRDD<Row> rows = context.parallelize(shardIndices, partitions)
        .mapPartitions(new ShardRows(request.seed(), request.rows(), parquet, rowsWritten, fraudWritten,
            Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"))));
    StagedOutput output = StagedOutput.begin(new Storage(spark.sparkContext().hadoopConfiguration()), target,
        request.overwrite());
    try (output) {
      output.prepareParent();
      write(spark, rows, request.format(), output.staging());
      nameFilesByPartition(fs, output.staging(), request);
      if (rowsWritten.value() != request.rows()) {
        throw new JobFailedException("Cannot write demo data to " + request.output() + ": generated "
            + rowsWritten.value() + " rows instead of " + request.rows());
      }
      writeMarker(fs, new Path(output.staging(), MARKER), request, fraudWritten.value());
      output.commit();
    }
    List<String> files = dataFiles(fs, target);
    long elapsed = (System.nanoTime() - started) / 1_000_000L;
    LOG.info("Wrote {} demo rows ({} fraud) in {} files to {} in {} ms", rowsWritten.value(), fraudWritten.value(),
        files.size(), target, elapsed);
    return new DemoDataResult(rowsWritten.value(), fraudWritten.value(), target.toString(), request.format(),
        request.seed(), shards, files, elapsed, false);
  }

  /** The Spark schema of the log in {@code format}: text timestamps and money in CSV, typed in Parquet. */
  public static StructType schema(DemoDataFormat format) {
    boolean typed = format == DemoDataFormat.PARQUET;
    DataType text = DataTypes.StringType;
    DataType time = typed ? DataTypes.TimestampType : DataTypes.StringType;
    DataType money = typed ? DataTypes.DoubleType : DataTypes.StringType;
    DataType[] types = {text, text, time, text, text, text, text, money, money, money, money, money, DataTypes.IntegerType};
    List<String> header = Transaction.header();
    StructField[] fields = new StructField[header.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = DataTypes.createStructField(header.get(i), types[i], false);
    }
    return DataTypes.createStructType(fields);
  }

  private static int partitions(SparkSession spark, DemoDataRequest request, int shards) {
    int wanted;
    if (request.partitions().isPresent()) {
      wanted = request.partitions().getAsInt();
    } else {
      long byRows = (request.rows() + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION;
      wanted = (int) Math.max(byRows, spark.sparkContext().defaultParallelism());
    }
    if (wanted > shards) {
      LOG.info("Using {} partitions instead of {}: the {} rows make only {} shards", shards, wanted, request.rows(), shards);
      return shards;
    }
    return wanted;
  }

  private static void write(SparkSession spark, JavaRDD<Row> rows, DemoDataFormat format, Path staging) {
    DataFrameWriter<Row> writer = spark.createDataFrame(rows, schema(format)).write()
        .mode(SaveMode.ErrorIfExists)
        .format(format.key());
    if (format == DemoDataFormat.CSV) {
      writer.option("header", "true").option("quote", "\"").option("escape", "\"").option("lineSep", "\n");
      writer.save(staging.toString());
      return;
    }
    String previous = spark.conf().get(PARQUET_TIMESTAMP_TYPE, null);
    spark.conf().set(PARQUET_TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
    try {
      writer.save(staging.toString());
    } finally {
      if (previous == null) {
        spark.conf().unset(PARQUET_TIMESTAMP_TYPE);
      } else {
        spark.conf().set(PARQUET_TIMESTAMP_TYPE, previous);
      }
    }
  }

  /**
   * Drops the job's random UUID from Spark's file names ({@code part-00000-<uuid>-c000.csv} becomes
   * {@code part-00000-c000.csv}), so a seed gives the same files, names included. Ingest's holdout split hashes the
   * file name with each record's offset: with random names, regenerating the same rows would split them anew.
   */
  private static void nameFilesByPartition(FileSystem fs, Path staging, DemoDataRequest request) {
    try {
      for (FileStatus status : fs.listStatus(staging)) {
        String name = status.getPath().getName();
        String fixed = SPARK_JOB_UUID.matcher(name).replaceFirst("");
        if (status.isFile() && !name.startsWith(".") && !fixed.equals(name)
            && !fs.rename(status.getPath(), new Path(staging, fixed))) {
          throw new IOException("rename of " + name + " to " + fixed + " failed");
        }
      }
    } catch (IOException e) {
      throw new JobFailedException("Cannot write demo data to " + request.output() + ": " + e.getMessage(), e);
    }
  }

  private static List<String> dataFiles(FileSystem fs, Path target) {
    List<String> files = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(target)) {
        String name = status.getPath().getName();
        if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(status.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new JobFailedException("Cannot list demo data in " + target + ": " + e.getMessage(), e);
    }
    Collections.sort(files);
    return files;
  }

  /** The earlier run's result when {@code target} already holds exactly this request's rows, else null. */
  private static DemoDataResult upToDate(FileSystem fs, Path target, DemoDataRequest request, long started) {
    Path marker = new Path(target, MARKER);
    try {
      if (!fs.exists(marker)) {
        return null;
      }
      java.util.Properties written = new java.util.Properties();
      try (java.io.InputStream in = fs.open(marker)) {
        written.load(in);
      }
      if (!describe(request).equals(String.valueOf(written.getProperty("request")))) {
        return null;
      }
      LOG.info("Demo data in {} is up to date ({}); nothing to do", target, written.getProperty("request"));
      long fraud = Long.parseLong(written.getProperty("fraud_rows", "0"));
      return new DemoDataResult(request.rows(), fraud, target.toString(), request.format(), request.seed(),
          TransactionLogSimulator.shardCount(request.rows()), dataFiles(fs, target),
          (System.nanoTime() - started) / 1_000_000L, true);
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Cannot read demo data marker {}: {}", marker, e.getMessage());
      return null;
    }
  }

  /** Records what a directory holds, so a rerun with the same request is a no-op (schedulers retry). */
  private static void writeMarker(FileSystem fs, Path marker, DemoDataRequest request, long fraudRows) {
    java.util.Properties written = new java.util.Properties();
    written.setProperty("request", describe(request));
    written.setProperty("fraud_rows", Long.toString(fraudRows));
    try (java.io.OutputStream out = fs.create(marker, true)) {
      written.store(out, "synthforge demo-data");
    } catch (IOException e) {
      throw new JobFailedException("Cannot write demo data marker " + marker + ": " + e.getMessage(), e);
    }
  }

  private static String describe(DemoDataRequest request) {
    return "rows=" + request.rows() + ",seed=" + request.seed() + ",format=" + request.format().key()
        + ",simulator=" + SIMULATOR_VERSION;
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new JobFailedException("Cannot check demo data output " + path + ": " + e.getMessage(), e);
    }
  }

  private static UsageException alreadyExists(DemoDataRequest request) {
    return new UsageException("Cannot write demo data to " + request.output() + ": it exists (pass --overwrite)");
  }

  /** Executor side: turns a run of shard indices into rows. Holds only the seed, the row count and the format. */
  private static final class ShardRows implements FlatMapFunction<Iterator<Integer>, Row> {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long totalRows;
    private final boolean typed;
    private final LongAccumulator rowsWritten;
    private final LongAccumulator fraudWritten;
    private final boolean javaTime;

    ShardRows(long seed, long totalRows, boolean typed, LongAccumulator rowsWritten, LongAccumulator fraudWritten,
        boolean javaTime) {
      this.javaTime = javaTime;
      this.seed = seed;
      this.totalRows = totalRows;
      this.typed = typed;
      this.rowsWritten = rowsWritten;
      this.fraudWritten = fraudWritten;
    }

    @Override
    public Iterator<Row> call(Iterator<Integer> shardIndices) {
      TransactionLogSimulator simulator = TransactionLogSimulator.of(seed);
      return new Iterator<>() {
        private Iterator<Transaction> current = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && shardIndices.hasNext()) {
            int shard = shardIndices.next();
            current = simulator.shard(shard, TransactionLogSimulator.rowsInShard(totalRows, shard));
          }
          return current.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException("Cannot read past the last demo shard");
          }
          Transaction transaction = current.next();
          rowsWritten.add(1L);
          if (transaction.fraud()) {
            fraudWritten.add(1L);
          }
          return typed ? typedRow(transaction, javaTime) : textRow(transaction);
        }
      };
    }

    private static Row textRow(Transaction transaction) {
      String[] fields = transaction.toCsvFields();
      return RowFactory.create(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7],
          fields[8], fields[9], fields[10], fields[11], transaction.fraud() ? 1 : 0);
    }

    /** Spark wants {@code Instant}s when its Java 8 date/time API is on (synthforge sessions), else {@code Timestamp}s. */
    private static Row typedRow(Transaction transaction, boolean javaTime) {
      return RowFactory.create(
          transaction.transactionId(),
          transaction.customerId(),
          javaTime ? java.time.Instant.ofEpochSecond(transaction.epochSecond())
              : new Timestamp(transaction.epochSecond() * 1_000L),
          transaction.type().name(),
          transaction.channel().key(),
          transaction.merchantId(),
          transaction.merchantCategory().key(),
          transaction.amountCents() / 100.0,
          transaction.oldBalanceOrgCents() / 100.0,
          transaction.newBalanceOrigCents() / 100.0,
          transaction.oldBalanceDestCents() / 100.0,
          transaction.newBalanceDestCents() / 100.0,
          transaction.fraud() ? 1 : 0);
    }
  }
}
