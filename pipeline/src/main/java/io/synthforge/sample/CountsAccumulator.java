package io.synthforge.sample;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/** Counts by key (e.g. draws rejected by reason), summed across tasks. */
final class CountsAccumulator extends AccumulatorV2<String, Map<String, Long>> {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, Long> counts = new TreeMap<>();

  @Override
  public boolean isZero() {
    synchronized (counts) {
      return counts.isEmpty();
    }
  }

  @Override
  public AccumulatorV2<String, Map<String, Long>> copy() {
    CountsAccumulator copy = new CountsAccumulator();
    synchronized (counts) {
      copy.counts.putAll(counts);
    }
    return copy;
  }

  @Override
  public void reset() {
    synchronized (counts) {
      counts.clear();
    }
  }

  @Override
  public void add(String key) {
    add(key, 1L);
  }

  /** Adds {@code count} to {@code key}. */
  void add(String key, long count) {
    synchronized (counts) {
      counts.merge(key, count, Long::sum);
    }
  }

  @Override
  public void merge(AccumulatorV2<String, Map<String, Long>> other) {
    for (Map.Entry<String, Long> entry : other.value().entrySet()) {
      add(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public Map<String, Long> value() {
    synchronized (counts) {
      return new TreeMap<>(counts);
    }
  }
}
