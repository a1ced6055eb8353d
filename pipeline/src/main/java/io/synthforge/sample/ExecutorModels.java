package io.synthforge.sample;

import io.synthforge.model.GenerativeModel;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of an executor JVM, built once per sample run and reused by every task of that run. A
 * {@link GenerativeModel} is not thread-safe, so concurrent tasks borrow distinct instances from a pool: an
 * executor with {@code c} task slots builds at most {@code c} models per run. The parsed transformer is
 * immutable and shared. Only the few most recent runs are kept (long-lived executors serve many runs).
 */
final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final int RUNS_KEPT = 4;

  private static final Map<String, Entry> RUNS = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > RUNS_KEPT;
    }
  };

  private ExecutorModels() {}

  /** The run's shared transformer and pool. */
  static Entry of(ModelSnapshot snapshot) {
    synchronized (RUNS) {
      return RUNS.computeIfAbsent(snapshot.key(), key -> new Entry(TransformerCodec.fromJson(snapshot.transformerJson())));
    }
  }

  /** One run's transformer and idle models. */
  static final class Entry {
    private final TableTransformer transformer;
    private final Deque<GenerativeModel> idle = new ArrayDeque<>();
    private int built;

    private Entry(TableTransformer transformer) {
      this.transformer = transformer;
    }

    TableTransformer transformer() {
      return transformer;
    }

    /** An idle model, or a new one from {@code factory} when every model is in use. */
    GenerativeModel borrow(ModelSnapshot snapshot, ModelFactory factory) {
      synchronized (this) {
        GenerativeModel model = idle.pollFirst();
        if (model != null) {
          return model;
        }
        built++;
      }
      long started = System.nanoTime();
      GenerativeModel model = factory.create(snapshot, transformer);
      LOG.info("Built {} model #{} of sample run {} in {} ms", snapshot.family(), built, snapshot.key(),
          (System.nanoTime() - started) / 1_000_000L);
      return model;
    }

    /** Returns a model that finished its task cleanly. */
    synchronized void release(GenerativeModel model) {
      idle.addFirst(model);
    }
  }
}
