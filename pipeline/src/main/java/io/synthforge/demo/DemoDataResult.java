package io.synthforge.demo;

import java.util.List;

/** What {@link DemoDataJob} wrote, with the seed and layout that reproduce it. Immutable. */
public final class DemoDataResult {
  private final long rows;
  private final long fraudRows;
  private final String output;
  private final DemoDataFormat format;
  private final long seed;
  private final int shards;
  private final List<String> files;
  private final long elapsedMillis;
  private final boolean upToDate;

  DemoDataResult(long rows, long fraudRows, String output, DemoDataFormat format, long seed, int shards,
      List<String> files, long elapsedMillis, boolean upToDate) {
    this.upToDate = upToDate;
    this.rows = rows;
    this.fraudRows = fraudRows;
    this.output = output;
    this.format = format;
    this.seed = seed;
    this.shards = shards;
    this.files = List.copyOf(files);
    this.elapsedMillis = elapsedMillis;
  }

  /** True when the output already held exactly these rows and nothing was written. */
  public boolean upToDate() {
    return upToDate;
  }

  /** Rows written. */
  public long rows() {
    return rows;
  }

  /** Rows labelled {@code is_fraud = 1}. */
  public long fraudRows() {
    return fraudRows;
  }

  /** The fully qualified URI of the output directory. */
  public String output() {
    return output;
  }

  public DemoDataFormat format() {
    return format;
  }

  /** The root seed the rows derive from. */
  public long seed() {
    return seed;
  }

  /** The simulator shards the rows came from ({@link TransactionLogSimulator#shardCount(long)}). */
  public int shards() {
    return shards;
  }

  /** The fully qualified URIs of the data files, sorted. */
  public List<String> files() {
    return files;
  }

  /** Wall-clock time of the job, in milliseconds. */
  public long elapsedMillis() {
    return elapsedMillis;
  }

  @Override
  public String toString() {
    return "DemoDataResult[rows=" + rows + ", fraudRows=" + fraudRows + ", output=" + output + ", format="
        + format.key() + ", seed=" + seed + ", shards=" + shards + ", files=" + files.size() + ", elapsedMillis="
        + elapsedMillis + "]";
  }
}
