package io.synthforge.sample;

import io.synthforge.api.UsageException;
import io.synthforge.publish.OutputFormat;
import io.synthforge.publish.TableName;
import io.synthforge.publish.WriteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** What to sample, from which model, where to and how to publish it. Immutable; its fields are the run's provenance. */
public final class SampleRequest {
  /** The seed used when the request does not name one. */
  public static final long DEFAULT_SEED = 42L;

  private final String model;
  private final long rows;
  private final String output;
  private final TableName table;
  private final long seed;
  private final OutputFormat format;
  private final WriteMode mode;
  private final List<CategoryCondition> conditions;
  private final List<CategoryRatio> ratios;
  private final int partitions;
  private final int chunkRows;
  private final LabelRates labelRates;

  private SampleRequest(Builder builder) {
    this.model = builder.model;
    this.rows = builder.rows;
    this.output = builder.output;
    this.table = builder.table;
    this.seed = builder.seed;
    this.format = builder.format;
    this.mode = builder.mode;
    this.conditions = List.copyOf(builder.conditions);
    this.ratios = List.copyOf(builder.ratios);
    this.partitions = builder.partitions;
    this.chunkRows = builder.chunkRows;
    this.labelRates = builder.labelRates;
  }

  /** A request for {@code rows} rows of the model at {@code model}, written to {@code output}. */
  public static Builder builder(String model, long rows, String output) {
    return new Builder(model, rows, output);
  }

  /** The model bundle's URI. */
  public String model() {
    return model;
  }

  /** The exact number of rows to write. */
  public long rows() {
    return rows;
  }

  /** The table directory (any Hadoop URI). */
  public String output() {
    return output;
  }

  /** The catalog table to register, if any. */
  public Optional<TableName> table() {
    return Optional.ofNullable(table);
  }

  /** The root seed: every chunk's seed and every fake identifier derive from it. */
  public long seed() {
    return seed;
  }

  public OutputFormat format() {
    return format;
  }

  public WriteMode mode() {
    return mode;
  }

  public List<CategoryCondition> conditions() {
    return conditions;
  }

  public List<CategoryRatio> ratios() {
    return ratios;
  }

  /** The Spark partitions (tasks, and at most output files per run) asked for; empty means derived from the rows. */
  public OptionalInt partitions() {
    return partitions == 0 ? OptionalInt.empty() : OptionalInt.of(partitions);
  }

  /** Rows per chunk, the unit of work with its own seed. */
  public int chunkRows() {
    return chunkRows;
  }

  /**
   * Whether a run without conditions or ratios keeps the first label column at its training rates (see
   * {@link SamplePlan#atLabelRates}), or leaves the rate to the generator.
   */
  public LabelRates labelRates() {
    return labelRates;
  }

  @Override
  public String toString() {
    return "SampleRequest[model=" + model + ", rows=" + rows + ", output=" + output + ", table=" + table + ", seed="
        + seed + ", format=" + format.key() + ", mode=" + mode.key() + ", conditions=" + conditions + ", ratios="
        + ratios + ", labelRates=" + labelRates.key() + "]";
  }

  /** Builds a {@link SampleRequest}, checking each option. */
  public static final class Builder {
    private final String model;
    private final long rows;
    private final String output;
    private TableName table;
    private long seed = DEFAULT_SEED;
    private OutputFormat format = OutputFormat.PARQUET;
    private WriteMode mode = WriteMode.ERROR;
    private final List<CategoryCondition> conditions = new ArrayList<>();
    private final List<CategoryRatio> ratios = new ArrayList<>();
    private int partitions;
    private int chunkRows = SamplePlan.DEFAULT_CHUNK_ROWS;
    private LabelRates labelRates = LabelRates.REAL;

    private Builder(String model, long rows, String output) {
      this.model = Objects.requireNonNull(model, "model");
      this.output = Objects.requireNonNull(output, "output");
      if (rows <= 0) {
        throw new UsageException("Cannot sample " + rows + " rows: --rows must be positive");
      }
      this.rows = rows;
    }

    public Builder table(TableName value) {
      this.table = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder format(OutputFormat value) {
      this.format = Objects.requireNonNull(value, "format");
      return this;
    }

    public Builder mode(WriteMode value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    public Builder condition(CategoryCondition value) {
      this.conditions.add(Objects.requireNonNull(value, "condition"));
      return this;
    }

    public Builder ratio(CategoryRatio value) {
      this.ratios.add(Objects.requireNonNull(value, "ratio"));
      return this;
    }

    public Builder partitions(int value) {
      if (value <= 0) {
        throw new UsageException("Cannot sample into " + value + " partitions: --partitions must be positive");
      }
      this.partitions = value;
      return this;
    }

    public Builder chunkRows(int value) {
      if (value <= 0) {
        throw new UsageException("Cannot sample in chunks of " + value + " rows: the chunk size must be positive");
      }
      this.chunkRows = value;
      return this;
    }

    public Builder labelRates(LabelRates value) {
      this.labelRates = Objects.requireNonNull(value, "labelRates");
      return this;
    }

    public SampleRequest build() {
      return new SampleRequest(this);
    }
  }
}
