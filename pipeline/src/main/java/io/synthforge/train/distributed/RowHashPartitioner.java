package io.synthforge.train.distributed;

import org.apache.spark.Partitioner;

/**
 * Sends a row to worker {@code hash mod workers}. Rows are keyed by a hash of their content, so a worker's
 * share (and its order, sorted by hash) is the same however the input files were split into partitions —
 * the same seed gives the same parameters on a laptop and on a cluster.
 */
public final class RowHashPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int workers;

  public RowHashPartitioner(int workers) {
    this.workers = workers;
  }

  @Override
  public int numPartitions() {
    return workers;
  }

  @Override
  public int getPartition(Object key) {
    return (int) Math.floorMod((Long) key, (long) workers);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowHashPartitioner && ((RowHashPartitioner) other).workers == workers;
  }

  @Override
  public int hashCode() {
    return workers;
  }

  /** A well-mixed 64-bit hash of a compact feature row. */
  public static long hash(float[] row) {
    long h = 0x9e3779b97f4a7c15L;
    for (float value : row) {
      h = io.synthforge.provenance.Seeds.mix64(h ^ Float.floatToIntBits(value));
    }
    return h;
  }
}
