package io.synthforge.io;

import io.synthforge.api.TableMetadata;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One task's zstd Parquet files of table rows, written straight through parquet-hadoop on any Hadoop file system:
 * {@code part-PPPPP-cNNN.zstd.parquet} in a directory, a new file every {@code rowsPerFile} rows (the names Spark
 * gives, less its per-job UUID, so a seed gives the same names). Not thread-safe.
 */
public final class ParquetPartWriter implements Closeable {
  private final Configuration conf;
  private final Path dir;
  private final int partition;
  private final long rowsPerFile;
  private final TableMetadata table;
  private final Map<String, String> metadata;
  private final List<String> files = new ArrayList<>();
  private ParquetWriter<Object[]> writer;
  private long inFile;
  private long rows;

  /**
   * Writes partition {@code partition}'s files of {@code table} into {@code dir}, with {@code metadata} in each
   * footer.
   */
  public ParquetPartWriter(Configuration conf, Path dir, int partition, long rowsPerFile, TableMetadata table,
      Map<String, String> metadata) {
    this.conf = conf;
    this.dir = dir;
    this.partition = partition;
    this.rowsPerFile = rowsPerFile;
    this.table = table;
    this.metadata = metadata;
  }

  /** The name of partition {@code partition}'s file {@code file}. */
  public static String fileName(int partition, int file) {
    return String.format(Locale.ROOT, "part-%05d-c%03d.zstd.parquet", partition, file);
  }

  /** Appends one row (values in table column order). */
  public void write(Object[] row) throws IOException {
    if (writer == null || inFile >= rowsPerFile) {
      roll();
    }
    writer.write(row);
    inFile++;
    rows++;
  }

  private void roll() throws IOException {
    if (writer != null) {
      writer.close();
    }
    String name = fileName(partition, files.size());
    writer = new Builder(new Path(dir, name), new RowWriteSupport(table, metadata)).withConf(conf)
        .withCompressionCodec(CompressionCodecName.ZSTD).withWriteMode(ParquetFileWriter.Mode.CREATE).build();
    files.add(name);
    inFile = 0;
  }

  /** The names of the files written so far, in order. */
  public List<String> files() {
    return List.copyOf(files);
  }

  /** The rows written so far. */
  public long rows() {
    return rows;
  }

  /** Finishes the current file. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final WriteSupport<Object[]> support;

    Builder(Path path, WriteSupport<Object[]> support) {
      super(path);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration configuration) {
      return support;
    }
  }
}
