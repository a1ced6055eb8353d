package io.synthforge.demo;

import io.synthforge.api.UsageException;
import java.util.Objects;
import java.util.OptionalInt;

/** What {@link DemoDataJob} should write: how many rows, from which seed, where and how. Immutable. */
public final class DemoDataRequest {
  /** The seed used when the request does not name one. */
  public static final long DEFAULT_SEED = 42L;

  private final long rows;
  private final long seed;
  private final String output;
  private final DemoDataFormat format;
  private final int partitions;
  private final boolean overwrite;

  private DemoDataRequest(Builder builder) {
    this.rows = builder.rows;
    this.seed = builder.seed;
    this.output = builder.output;
    this.format = builder.format;
    this.partitions = builder.partitions;
    this.overwrite = builder.overwrite;
  }

  /** A builder for {@code rows} rows written to {@code output} (a Hadoop URI or a plain path). */
  public static Builder builder(long rows, String output) {
    return new Builder(rows, output);
  }

  /** The exact number of rows to write. */
  public long rows() {
    return rows;
  }

  /** The root seed of the simulation. */
  public long seed() {
    return seed;
  }

  /** The output directory, as given. */
  public String output() {
    return output;
  }

  public DemoDataFormat format() {
    return format;
  }

  /** The number of Spark partitions (output files) asked for; empty means derived from the rows. */
  public OptionalInt partitions() {
    return partitions == 0 ? OptionalInt.empty() : OptionalInt.of(partitions);
  }

  /** Whether an existing output may be replaced. */
  public boolean overwrite() {
    return overwrite;
  }

  @Override
  public String toString() {
    return "DemoDataRequest[rows=" + rows + ", seed=" + seed + ", output=" + output + ", format=" + format.key()
        + ", partitions=" + (partitions == 0 ? "auto" : String.valueOf(partitions)) + ", overwrite=" + overwrite + "]";
  }

  /** Builds a {@link DemoDataRequest}, checking each field. */
  public static final class Builder {
    private final long rows;
    private final String output;
    private long seed = DEFAULT_SEED;
    private DemoDataFormat format = DemoDataFormat.CSV;
    private int partitions;
    private boolean overwrite;

    private Builder(long rows, String output) {
      this.rows = rows;
      this.output = output;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder format(DemoDataFormat value) {
      this.format = Objects.requireNonNull(value, "format");
      return this;
    }

    /** Asks for exactly {@code value} partitions (at least 1); by default one per 250,000 rows. */
    public Builder partitions(int value) {
      if (value < 1) {
        throw new UsageException("Cannot generate demo data with " + value + " partitions: partitions must be at least 1");
      }
      this.partitions = value;
      return this;
    }

    public Builder overwrite(boolean value) {
      this.overwrite = value;
      return this;
    }

    public DemoDataRequest build() {
      if (output == null || output.isBlank()) {
        throw new UsageException("Cannot generate demo data: no output path given");
      }
      if (rows < 1) {
        throw new UsageException("Cannot generate demo data to " + output + ": rows must be at least 1, got " + rows);
      }
      if (rows > TransactionLogSimulator.MAX_ROWS) {
        throw new UsageException("Cannot generate demo data to " + output + ": rows must be at most "
            + TransactionLogSimulator.MAX_ROWS + ", got " + rows);
      }
      return new DemoDataRequest(this);
    }
  }
}
