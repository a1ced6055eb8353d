package io.synthforge.ingest;

import io.synthforge.api.UsageException;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.ingest.corpus.CorpusOptions;
import io.synthforge.transform.TransformOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What to ingest, from where, into which dataset, and how. Immutable; its fields are the run's provenance. */
public final class IngestRequest {
  private final String input;
  private final SourceFormat format;
  private final String schemaUri;
  private final String dataset;
  private final String inferSchemaOut;
  private final CsvOptions csv;
  private final Set<String> labels;
  private final double maxBadRatio;
  private final long seed;
  private final boolean overwrite;
  private final int profileSampleSize;
  private final TransformOptions transform;
  private final double holdoutShare;
  private final MiningOptions relations;
  private final CorpusOptions corpus;

  private IngestRequest(Builder builder) {
    this.corpus = builder.corpus;
    this.relations = builder.relations;
    this.holdoutShare = builder.holdoutShare;
    this.input = builder.input;
    this.format = builder.format;
    this.schemaUri = builder.schemaUri;
    this.dataset = builder.dataset;
    this.inferSchemaOut = builder.inferSchemaOut;
    this.csv = builder.csv;
    this.labels = Set.copyOf(builder.labels);
    this.maxBadRatio = builder.maxBadRatio;
    this.seed = builder.seed;
    this.overwrite = builder.overwrite;
    this.profileSampleSize = builder.profileSampleSize;
    this.transform = builder.transform;
  }

  public static Builder builder(String input) {
    return new Builder(input);
  }

  /** The input URI: a file, a directory or a glob, on any Hadoop file system. */
  public String input() {
    return input;
  }

  /** The input format, or null to take it from the first file's name. */
  public SourceFormat format() {
    return format;
  }

  /** The Avro schema file, or null to infer the schema. */
  public String schemaUri() {
    return schemaUri;
  }

  /** The dataset directory to write, or null when only inferring a schema. */
  public String dataset() {
    return dataset;
  }

  /** Where to write the inferred schema for review (then stop), or null. */
  public String inferSchemaOut() {
    return inferSchemaOut;
  }

  public CsvOptions csv() {
    return csv;
  }

  /** Columns to mark as labels when inferring the schema. */
  public Set<String> labels() {
    return labels;
  }

  /** The quarantined share above which the job fails. */
  public double maxBadRatio() {
    return maxBadRatio;
  }

  /** The root seed of the run (profile sampling, mixture fits). */
  public long seed() {
    return seed;
  }

  /** Whether an existing dataset built from other input may be replaced. */
  public boolean overwrite() {
    return overwrite;
  }

  /** Values sampled per numeric column to fit its mixture. */
  public int profileSampleSize() {
    return profileSampleSize;
  }

  public TransformOptions transform() {
    return transform;
  }

  /** Share of accepted rows kept apart in {@code holdout/} (never fitted on), for evaluation; 0 keeps none. */
  public double holdoutShare() {
    return holdoutShare;
  }

  /** How relations between columns are looked for, recorded and marked for enforcement. */
  public MiningOptions relations() {
    return relations;
  }

  /** How corpora of images and texts are cut and shaped. */
  public CorpusOptions corpus() {
    return corpus;
  }

  /** Every option that shapes the output, as provenance entries (and input of the fingerprint). */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("input", input);
    described.put("format", format == null ? "auto" : format.key());
    described.put("schema", schemaUri == null ? "inferred" : schemaUri);
    described.put("labels", String.join(",", new java.util.TreeSet<>(labels)));
    described.put("max-bad-ratio", Double.toString(maxBadRatio));
    described.put("seed", Long.toString(seed));
    described.put("profile-sample-size", Integer.toString(profileSampleSize));
    described.put("holdout-share", Double.toString(holdoutShare));
    described.putAll(csv.describe());
    described.putAll(transform.describe());
    described.putAll(relations.describe());
    return described;
  }

  /** Builds an {@link IngestRequest}, checking each option. */
  public static final class Builder {
    private final String input;
    private SourceFormat format;
    private String schemaUri;
    private String dataset;
    private String inferSchemaOut;
    private CsvOptions csv = CsvOptions.defaults();
    private Set<String> labels = Set.of();
    private double maxBadRatio = 0.1;
    private long seed = 42L;
    private boolean overwrite;
    private int profileSampleSize = 20_000;
    private TransformOptions transform = TransformOptions.defaults();
    private double holdoutShare;
    private MiningOptions relations = MiningOptions.defaults();
    private CorpusOptions corpus = CorpusOptions.defaults();

    private Builder(String input) {
      this.input = Objects.requireNonNull(input, "input");
    }

    public Builder format(SourceFormat value) {
      this.format = value;
      return this;
    }

    public Builder schema(String value) {
      this.schemaUri = value;
      return this;
    }

    public Builder dataset(String value) {
      this.dataset = value;
      return this;
    }

    public Builder inferSchemaOut(String value) {
      this.inferSchemaOut = value;
      return this;
    }

    public Builder csv(CsvOptions value) {
      this.csv = Objects.requireNonNull(value, "csv");
      return this;
    }

    public Builder labels(Set<String> value) {
      this.labels = value;
      return this;
    }

    public Builder maxBadRatio(double value) {
      this.maxBadRatio = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder overwrite(boolean value) {
      this.overwrite = value;
      return this;
    }

    public Builder profileSampleSize(int value) {
      this.profileSampleSize = value;
      return this;
    }

    public Builder transform(TransformOptions value) {
      this.transform = Objects.requireNonNull(value, "transform");
      return this;
    }

    public Builder relations(MiningOptions value) {
      this.relations = Objects.requireNonNull(value, "relations");
      return this;
    }

    public Builder corpus(CorpusOptions value) {
      this.corpus = Objects.requireNonNull(value, "corpus");
      return this;
    }

    public Builder holdoutShare(double value) {
      this.holdoutShare = value;
      return this;
    }

    public IngestRequest build() {
      if (!(holdoutShare >= 0 && holdoutShare < 1)) {
        throw new UsageException("Cannot use --holdout-share " + holdoutShare + ": use a share in [0, 1)");
      }
      if (input.isBlank()) {
        throw new UsageException("Cannot ingest: --input is empty");
      }
      if (dataset == null && inferSchemaOut == null) {
        throw new UsageException("Cannot ingest " + input + ": pass --dataset URI (or --infer-schema FILE to only infer a schema)");
      }
      if (!(maxBadRatio >= 0 && maxBadRatio <= 1)) {
        throw new UsageException("Cannot use --max-bad-ratio " + maxBadRatio + ": it must be between 0 and 1");
      }
      if (profileSampleSize < 100) {
        throw new UsageException("Cannot use a profile sample of " + profileSampleSize + " values: use at least 100");
      }
      return new IngestRequest(this);
    }
  }
}
