package io.synthforge.sample;

import io.synthforge.io.JavaSerialized;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.nn.NativeThreads;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Executor side of sampling: runs a task's chunks through {@link ChunkRows} and hands Spark their rows, lazily, one
 * batch at a time; the task's counts go to the job's accumulators. Before generating it caps the native maths
 * threads at the task's cores ({@link NativeThreads#limitBlas}): two tasks each running a two-thread product on
 * two cores spend more time handing work between threads than multiplying.
 */
final class ChunkGenerator implements FlatMapFunction<Iterator<Integer>, Row> {
  private static final long serialVersionUID = 1L;
  /** How many schema violations a task reports by text (the count is always complete). */
  private static final int REASONS_PER_TASK = 1;

  private final Broadcast<JavaSerialized<SampleTask>> task;
  private final LongAccumulator rowsGenerated;
  private final LongAccumulator rowsInvalid;
  private final LongAccumulator rowsForced;
  private final CollectionAccumulator<String> invalidReasons;
  private final CountsAccumulator rejected;
  private final CountsAccumulator unresolved;

  ChunkGenerator(Broadcast<JavaSerialized<SampleTask>> task, LongAccumulator rowsGenerated, LongAccumulator rowsInvalid,
      LongAccumulator rowsForced, CollectionAccumulator<String> invalidReasons, CountsAccumulator rejected,
      CountsAccumulator unresolved) {
    this.rejected = rejected;
    this.unresolved = unresolved;
    this.task = task;
    this.rowsGenerated = rowsGenerated;
    this.rowsInvalid = rowsInvalid;
    this.rowsForced = rowsForced;
    this.invalidReasons = invalidReasons;
  }

  @Override
  public Iterator<Row> call(Iterator<Integer> chunks) {
    Iterator<Object[]> values = values(chunks);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return values.hasNext();
      }

      @Override
      public Row next() {
        return RowFactory.create(values.next());
      }
    };
  }

  /**
   * The finished rows of {@code chunks} in table column order, built lazily; runs inside a task (the task's
   * completion gives its model back to the executor's pool).
   */
  Iterator<Object[]> values(Iterator<Integer> chunks) {
    SampleTask sample = task.value().get();
    TaskContext context = TaskContext.get();
    NativeThreads.limitBlas(context == null ? 1 : Math.max(1, context.cpus()));
    ExecutorModels.Entry entry = ExecutorModels.of(sample.snapshot());
    GenerativeModel model = entry.borrow(sample.snapshot(), sample.factory());
    Rows rows = new Rows(new ChunkRows(sample, entry.transformer(), model, chunks, new Counters()));
    if (context != null) {
      context.addTaskCompletionListener((TaskCompletionListener) done -> {
        // A model that threw may hold half-written buffers: only clean ones go back to the pool.
        if (!rows.failed) {
          entry.release(model);
        }
      });
    }
    return rows;
  }

  /** The task's rows; remembers whether generating them failed. */
  private static final class Rows implements Iterator<Object[]> {
    private final ChunkRows rows;
    private boolean failed;

    Rows(ChunkRows rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      try {
        return rows.hasNext();
      } catch (RuntimeException | Error e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException("Cannot read past the last sampled chunk");
      }
      return rows.next();
    }
  }

  /** The task's counts, added to the job's accumulators. */
  private final class Counters implements SampleCounters {
    private int reasonsReported;

    @Override
    public void generated(long rows) {
      rowsGenerated.add(rows);
    }

    @Override
    public void invalid(int chunk, long row, String violation) {
      rowsInvalid.add(1L);
      if (reasonsReported++ < REASONS_PER_TASK) {
        invalidReasons.add(String.format("%012d row %d: %s", chunk, row, violation));
      }
    }

    @Override
    public void forced(long rows) {
      rowsForced.add(rows);
    }

    @Override
    public void rejected(String reason) {
      ChunkGenerator.this.rejected.add(reason);
    }

    @Override
    public void unresolved(String reason) {
      ChunkGenerator.this.unresolved.add(reason);
    }
  }
}
