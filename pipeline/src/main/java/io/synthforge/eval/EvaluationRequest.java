package io.synthforge.eval;

import io.synthforge.api.UsageException;
import io.synthforge.publish.TableName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to evaluate and where the results go: the real and synthetic data, the report directory, the options and
 * gates, and the evaluation's identity in the catalog ({@code synthforge.synthforge_quality}). Immutable; built with
 * {@link #builder}.
 */
public final class EvaluationRequest {
  private final String real;
  private final String synthetic;
  private final TableName table;
  private final String holdout;
  private final String model;
  private final EvaluationOptions options;
  private final List<Gate> gates;
  private final String report;
  private final String evaluationId;
  private final boolean setsTableScores;

  private EvaluationRequest(Builder builder) {
    this.real = builder.real;
    this.synthetic = builder.synthetic;
    this.table = builder.table;
    this.holdout = builder.holdout;
    this.model = builder.model;
    this.options = builder.options;
    this.gates = List.copyOf(builder.gates);
    this.report = builder.report;
    this.evaluationId = builder.evaluationId != null ? builder.evaluationId
        : "eval-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    this.setsTableScores = builder.setsTableScores;
  }

  /** A request to score synthetic data against {@code realUri}, writing the report to {@code reportUri}. */
  public static Builder builder(String realUri, String reportUri) {
    return new Builder(realUri, reportUri);
  }

  /** The real training data: a dataset directory (which brings its holdout) or Parquet. */
  public String real() {
    return real;
  }

  /** The synthetic data's URI; absent when it is {@link #table()}'s location. */
  public Optional<String> synthetic() {
    return Optional.ofNullable(synthetic);
  }

  /**
   * The catalog table the synthetic data is known as: recorded with the metrics, and when the catalog has it over the
   * evaluated data (and {@link #setsTableScores()}), its {@code synthforge.quality.*} properties get the headline scores.
   */
  public Optional<TableName> table() {
    return Optional.ofNullable(table);
  }

  /** Real rows the model never saw; absent: the real dataset's holdout, if any. */
  public Optional<String> holdout() {
    return Optional.ofNullable(holdout);
  }

  /** The model bundle whose training-loss curves the report shows, if any. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  public EvaluationOptions options() {
    return options;
  }

  public List<Gate> gates() {
    return gates;
  }

  /** The report directory. */
  public String report() {
    return report;
  }

  /** The id the evaluation is recorded under ({@code eval-<time>-<random>} unless given). */
  public String evaluationId() {
    return evaluationId;
  }

  /**
   * Whether the evaluation sets the table's {@code synthforge.quality.*} properties (the default); the pipeline runner
   * sets them itself when it publishes, so that a table never shows the scores of a sample that failed its gates.
   */
  public boolean setsTableScores() {
    return setsTableScores;
  }

  /** Builds an {@link EvaluationRequest}. */
  public static final class Builder {
    private final String real;
    private final String report;
    private String synthetic;
    private TableName table;
    private String holdout;
    private String model;
    private EvaluationOptions options = EvaluationOptions.defaults();
    private List<Gate> gates = List.of();
    private String evaluationId;
    private boolean setsTableScores = true;

    private Builder(String real, String report) {
      this.real = real;
      this.report = report;
    }

    public Builder synthetic(String uri) {
      this.synthetic = uri;
      return this;
    }

    public Builder table(TableName name) {
      this.table = name;
      return this;
    }

    public Builder holdout(String uri) {
      this.holdout = uri;
      return this;
    }

    public Builder model(String uri) {
      this.model = uri;
      return this;
    }

    public Builder options(EvaluationOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    public Builder gates(List<Gate> value) {
      this.gates = Objects.requireNonNull(value, "gates");
      return this;
    }

    public Builder evaluationId(String value) {
      this.evaluationId = value;
      return this;
    }

    /** See {@link EvaluationRequest#setsTableScores()}. */
    public Builder setsTableScores(boolean value) {
      this.setsTableScores = value;
      return this;
    }

    public EvaluationRequest build() {
      if (real == null || real.isBlank()) {
        throw new UsageException("Cannot evaluate: give the real data (--real URI)");
      }
      if (report == null || report.isBlank()) {
        throw new UsageException("Cannot evaluate: give the report directory (--report DIR)");
      }
      if (synthetic == null && table == null) {
        throw new UsageException("Cannot evaluate: give the synthetic data (--synthetic URI) or its catalog table "
            + "(--table DB.NAME)");
      }
      if (evaluationId != null && evaluationId.isBlank()) {
        throw new UsageException("Cannot evaluate: the evaluation id is blank");
      }
      return new EvaluationRequest(this);
    }
  }
}
