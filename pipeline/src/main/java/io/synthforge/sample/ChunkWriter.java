package io.synthforge.sample;

import io.synthforge.api.TableMetadata;
import io.synthforge.io.ParquetPartWriter;
import io.synthforge.io.PartCommit;
import io.synthforge.io.WrittenPart;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Executor side of a direct Parquet write: a task's rows from {@link ChunkGenerator} go straight into Parquet files
 * ({@link ParquetPartWriter}) in a directory only this task attempt writes, with no Spark rows in between; the task
 * reports what it wrote and the driver commits the reported attempts ({@link PartCommit}).
 */
final class ChunkWriter implements FlatMapFunction<Iterator<Integer>, WrittenPart> {
  private static final long serialVersionUID = 1L;

  private final ChunkGenerator generator;
  private final Broadcast<SerializableConfiguration> conf;
  private final String dataDir;
  private final TableMetadata table;
  private final Map<String, String> metadata;
  private final long rowsPerFile;

  ChunkWriter(ChunkGenerator generator, Broadcast<SerializableConfiguration> conf, Path dataDir, TableMetadata table,
      Map<String, String> metadata, long rowsPerFile) {
    this.generator = generator;
    this.conf = conf;
    this.dataDir = dataDir.toString();
    this.table = table;
    this.metadata = Map.copyOf(metadata);
    this.rowsPerFile = rowsPerFile;
  }

  @Override
  public Iterator<WrittenPart> call(Iterator<Integer> chunks) throws IOException {
    TaskContext context = TaskContext.get();
    int partition = context.partitionId();
    Path attemptDir = new Path(PartCommit.attempts(new Path(dataDir)), partition + "-" + context.taskAttemptId());
    Iterator<Object[]> rows = generator.values(chunks);
    ParquetPartWriter writer = new ParquetPartWriter(conf.value().value(), attemptDir, partition, rowsPerFile, table,
        metadata);
    try (writer) {
      while (rows.hasNext()) {
        writer.write(rows.next());
      }
    }
    return List.of(new WrittenPart(partition, attemptDir.toString(), writer.files(), writer.rows())).iterator();
  }
}
