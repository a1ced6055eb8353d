package io.synthforge.publish;

import java.time.Instant;
import java.util.Objects;

/** One generation run, as recorded in {@code synthforge.synthforge_runs}. Immutable. */
public final class RunRecord {
  private final String runId;
  private final String model;
  private final String modelRunId;
  private final String table;
  private final String location;
  private final String format;
  private final String mode;
  private final long rows;
  private final long seed;
  private final String conditions;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final String status;

  private RunRecord(Builder builder) {
    this.runId = Objects.requireNonNull(builder.runId, "runId");
    this.model = Objects.requireNonNull(builder.model, "model");
    this.modelRunId = builder.modelRunId;
    this.table = builder.table;
    this.location = Objects.requireNonNull(builder.location, "location");
    this.format = builder.format;
    this.mode = builder.mode;
    this.rows = builder.rows;
    this.seed = builder.seed;
    this.conditions = builder.conditions == null ? "" : builder.conditions;
    this.startedAt = Objects.requireNonNull(builder.startedAt, "startedAt");
    this.finishedAt = Objects.requireNonNull(builder.finishedAt, "finishedAt");
    this.status = builder.status;
  }

  public static Builder builder(String runId) {
    return new Builder(runId);
  }

  public String runId() {
    return runId;
  }

  /** The model bundle's URI. */
  public String model() {
    return model;
  }

  /** The run id of the training run that made the model. */
  public String modelRunId() {
    return modelRunId;
  }

  /** The catalog table ({@code db.table}), or null when the run published no table. */
  public String table() {
    return table;
  }

  public String location() {
    return location;
  }

  public String format() {
    return format;
  }

  public String mode() {
    return mode;
  }

  public long rows() {
    return rows;
  }

  public long seed() {
    return seed;
  }

  /** The conditions as given, e.g. {@code is_fraud=1:0.3}; empty when unconditioned. */
  public String conditions() {
    return conditions;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** Milliseconds from start to finish. */
  public long durationMillis() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }

  /** {@code committed} for a run whose data and table are published. */
  public String status() {
    return status;
  }

  /** Builds a {@link RunRecord}. */
  public static final class Builder {
    private final String runId;
    private String model;
    private String modelRunId;
    private String table;
    private String location;
    private String format;
    private String mode;
    private long rows;
    private long seed;
    private String conditions;
    private Instant startedAt;
    private Instant finishedAt;
    private String status = "committed";

    private Builder(String runId) {
      this.runId = runId;
    }

    public Builder model(String value, String runIdOfModel) {
      this.model = value;
      this.modelRunId = runIdOfModel;
      return this;
    }

    public Builder table(String value) {
      this.table = value;
      return this;
    }

    public Builder location(String value) {
      this.location = value;
      return this;
    }

    public Builder format(String value) {
      this.format = value;
      return this;
    }

    public Builder mode(String value) {
      this.mode = value;
      return this;
    }

    public Builder rows(long value) {
      this.rows = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder conditions(String value) {
      this.conditions = value;
      return this;
    }

    public Builder started(Instant value) {
      this.startedAt = value;
      return this;
    }

    public Builder finished(Instant value) {
      this.finishedAt = value;
      return this;
    }

    public Builder status(String value) {
      this.status = value;
      return this;
    }

    public RunRecord build() {
      return new RunRecord(this);
    }
  }
}
