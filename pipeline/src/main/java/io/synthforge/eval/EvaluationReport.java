package io.synthforge.eval;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.synthforge.api.SynthforgeException;
import io.synthforge.eval.privacy.PrivacyResult;
import io.synthforge.eval.quality.ColumnShape;
import io.synthforge.eval.quality.LabelRate;
import io.synthforge.eval.quality.PairTrend;
import io.synthforge.eval.quality.QualityResult;
import io.synthforge.eval.quality.RelationSupport;
import io.synthforge.eval.quality.ValidityResult;
import io.synthforge.eval.utility.ModelComparison;
import io.synthforge.eval.utility.ModelScores;
import io.synthforge.eval.utility.UtilityResult;
import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything one evaluation measured, with its provenance (options, seed, versions, row counts, timings). Immutable;
 * serialised with {@link #toJson()}, flattened with {@link #metricRows()}, summarised by {@link #headline()}.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class EvaluationReport {
  /** Every key {@link #headline()} can hold, in display order. */
  public static final List<String> HEADLINE_KEYS =
      List.of(
          "quality",
          "column_shapes",
          "column_pair_trends",
          "valid_rows",
          "schema_violating_rows",
          "utility_gbt_roc_auc_ratio",
          "utility_lr_roc_auc_ratio",
          "utility_gbt_pr_auc_ratio",
          "utility_gbt_pr_auc_ratio_low",
          "utility_gbt_pr_auc_ratio_high",
          "utility_lr_pr_auc_ratio",
          "utility_gbt_roc_auc_synthetic",
          "utility_gbt_roc_auc_real",
          "utility_lr_roc_auc_synthetic",
          "utility_lr_roc_auc_real",
          "utility_gbt_f1_ratio",
          "utility_lr_f1_ratio",
          "dcr_synthetic_p5",
          "dcr_synthetic_p50",
          "dcr_holdout_p5",
          "dcr_holdout_p50",
          "dcr_closer_than_holdout_p5",
          "exact_copy_rate",
          "pii_matches",
          "relation_support_min");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String table;
  private final long realRows;
  private final long syntheticRows;
  private final Long holdoutRows;
  private final QualityResult quality;
  private final ValidityResult validity;
  private final List<LabelRate> labelRates;
  private final List<RelationSupport> relations;
  private final UtilityResult utility;
  private final PrivacyResult privacy;
  private final List<String> notes;
  private final Map<String, String> options;
  private final Map<String, String> versions;
  private final Map<String, Long> timingsMs;

  private EvaluationReport(Builder builder) {
    this.table = Objects.requireNonNull(builder.table, "table");
    this.realRows = builder.realRows;
    this.syntheticRows = builder.syntheticRows;
    this.holdoutRows = builder.holdoutRows;
    this.quality = Objects.requireNonNull(builder.quality, "quality");
    this.validity = Objects.requireNonNull(builder.validity, "validity");
    this.labelRates = List.copyOf(builder.labelRates);
    this.relations = List.copyOf(builder.relations);
    this.utility = builder.utility;
    this.privacy = Objects.requireNonNull(builder.privacy, "privacy");
    this.notes = List.copyOf(builder.notes);
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
    this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.versions));
    this.timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.timingsMs));
  }

  public static Builder builder() {
    return new Builder();
  }

  public String table() {
    return table;
  }

  public long realRows() {
    return realRows;
  }

  public long syntheticRows() {
    return syntheticRows;
  }

  /** Holdout rows, when a holdout was given. */
  public OptionalLong holdoutRows() {
    return holdoutRows == null ? OptionalLong.empty() : OptionalLong.of(holdoutRows);
  }

  public QualityResult quality() {
    return quality;
  }

  public ValidityResult validity() {
    return validity;
  }

  /** Real vs synthetic rates of every label value. */
  public List<LabelRate> labelRates() {
    return labelRates;
  }

  /** How each declared or discovered relation holds in the real and the synthetic rows (empty when none is known). */
  public List<RelationSupport> relations() {
    return relations;
  }

  /**
   * The lowest synthetic support among the relations that hold on every real row they apply to, if any: the share of
   * synthetic rows keeping the weakest exact relation.
   */
  public OptionalDouble relationSupportMin() {
    return relations.stream()
        .filter(relation -> relation.realRows() > 0 && relation.realSupport() >= 1.0)
        .mapToDouble(RelationSupport::syntheticSupport)
        .min();
  }

  /** Machine-learning utility, when a target and a holdout were given. */
  public Optional<UtilityResult> utility() {
    return Optional.ofNullable(utility);
  }

  public PrivacyResult privacy() {
    return privacy;
  }

  /** What was skipped and why (e.g. utility without a holdout). */
  public List<String> notes() {
    return notes;
  }

  /** The resolved evaluation options. */
  public Map<String, String> options() {
    return options;
  }

  /** synthforge, Spark, Scala and Java versions. */
  public Map<String, String> versions() {
    return versions;
  }

  /** Wall time of each stage, in milliseconds. */
  public Map<String, Long> timingsMs() {
    return timingsMs;
  }

  /** The headline metrics by {@link #HEADLINE_KEYS} key; metrics that were not computed are absent. */
  public Map<String, Double> headline() {
    Map<String, Double> headline = new LinkedHashMap<>();
    headline.put("quality", quality.score());
    headline.put("column_shapes", quality.columnShapes());
    headline.put("column_pair_trends", quality.columnPairTrends());
    headline.put("valid_rows", validity.validRowShare());
    headline.put("schema_violating_rows", (double) validity.schemaViolatingRows());
    if (utility != null) {
      for (ModelComparison model : utility.models()) {
        headline.put("utility_" + model.model() + "_roc_auc_ratio", model.ratio().rocAuc());
      }
      for (ModelComparison model : utility.models()) {
        headline.put("utility_" + model.model() + "_pr_auc_ratio", model.ratio().prAuc());
        if (model.model().equals("gbt") && model.prAucRatioInterval().replicates() > 0) {
          headline.put("utility_gbt_pr_auc_ratio_low", model.prAucRatioInterval().low());
          headline.put("utility_gbt_pr_auc_ratio_high", model.prAucRatioInterval().high());
        }
      }
      for (ModelComparison model : utility.models()) {
        headline.put("utility_" + model.model() + "_roc_auc_synthetic", model.synthetic().rocAuc());
        headline.put("utility_" + model.model() + "_roc_auc_real", model.real().rocAuc());
        headline.put("utility_" + model.model() + "_f1_ratio", model.ratio().f1());
      }
    }
    headline.put("dcr_synthetic_p5", privacy.syntheticDcrP5());
    headline.put("dcr_synthetic_p50", privacy.syntheticDcrP50());
    if (holdoutRows != null) {
      headline.put("dcr_holdout_p5", privacy.holdoutDcrP5());
      headline.put("dcr_holdout_p50", privacy.holdoutDcrP50());
      headline.put("dcr_closer_than_holdout_p5", privacy.closerThanHoldoutP5());
    }
    headline.put("exact_copy_rate", privacy.exactCopyRate());
    headline.put("pii_matches", (double) privacy.piiMatchTotal());
    relationSupportMin().ifPresent(min -> headline.put("relation_support_min", min));
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String key : HEADLINE_KEYS) {
      if (headline.containsKey(key)) {
        ordered.put(key, headline.get(key));
      }
    }
    return ordered;
  }

  /** Every number of the report as rows of the metrics table ({@link MetricRow#SCHEMA}). */
  public List<MetricRow> metricRows() {
    List<MetricRow> rows = new ArrayList<>();
    for (Map.Entry<String, Double> entry : headline().entrySet()) {
      rows.add(row(entry.getKey(), null, null, null, entry.getValue()));
    }
    for (ColumnShape shape : quality.shapes()) {
      rows.add(row("column_shape." + snake(shape.metric()), shape.column(), null, null, shape.score()));
    }
    for (PairTrend pair : quality.pairs()) {
      rows.add(row("pair_trend." + snake(pair.metric()), pair.column1(), pair.column2(), null, pair.score()));
      if (pair.metric().equals(PairTrend.CORRELATION)) {
        rows.add(row("pair_trend.real_correlation", pair.column1(), pair.column2(), null, pair.realCorrelation()));
        rows.add(
            row("pair_trend.synthetic_correlation", pair.column1(), pair.column2(), null, pair.syntheticCorrelation()));
      }
    }
    validity.invalidByColumn().forEach((column, count) -> rows.add(row("validity.invalid_rows", column, null, null, count)));
    validity
        .schemaViolationsByColumn()
        .forEach((column, count) -> rows.add(row("schema.violating_rows", column, null, null, count)));
    for (LabelRate rate : labelRates) {
      rows.add(row("label_rate.real", rate.column(), null, rate.value(), rate.realRate()));
      rows.add(row("label_rate.synthetic", rate.column(), null, rate.value(), rate.syntheticRate()));
      rows.add(row("label_rate.synthetic_low", rate.column(), null, rate.value(), rate.syntheticLow()));
      rows.add(row("label_rate.synthetic_high", rate.column(), null, rate.value(), rate.syntheticHigh()));
    }
    if (utility != null) {
      for (ModelComparison model : utility.models()) {
        addScores(rows, "utility." + model.model() + ".synthetic", utility.target(), model.synthetic());
        addScores(rows, "utility." + model.model() + ".real", utility.target(), model.real());
        addScores(rows, "utility." + model.model() + ".ratio", utility.target(), model.ratio());
        if (model.prAucRatioInterval().replicates() > 0) {
          String prefix = "utility." + model.model() + ".ratio.pr_auc_";
          rows.add(row(prefix + "low", utility.target(), null, null, model.prAucRatioInterval().low()));
          rows.add(row(prefix + "high", utility.target(), null, null, model.prAucRatioInterval().high()));
        }
      }
    }
    privacy.piiMatches().forEach((column, count) -> rows.add(row("privacy.pii_matches", column, null, null, count)));
    for (RelationSupport relation : relations) {
      rows.add(row("relation.real_support", null, null, relation.relation(), relation.realSupport()));
      rows.add(row("relation.real_rows", null, null, relation.relation(), relation.realRows()));
      rows.add(row("relation.synthetic_support", null, null, relation.relation(), relation.syntheticSupport()));
      rows.add(row("relation.synthetic_rows", null, null, relation.relation(), relation.syntheticRows()));
    }
    return rows;
  }

  private void addScores(List<MetricRow> rows, String prefix, String target, ModelScores scores) {
    rows.add(row(prefix + ".roc_auc", target, null, null, scores.rocAuc()));
    rows.add(row(prefix + ".pr_auc", target, null, null, scores.prAuc()));
    rows.add(row(prefix + ".f1", target, null, null, scores.f1()));
    rows.add(row(prefix + ".accuracy", target, null, null, scores.accuracy()));
  }

  private MetricRow row(String metric, String column, String column2, String category, double value) {
    return new MetricRow(table, metric, column, column2, category, value);
  }

  private static String snake(String camel) {
    // KSComplement -> ks_complement, CorrelationSimilarity -> correlation_similarity.
    return camel.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The whole report as indented JSON (NaN written as the string {@code "NaN"}). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot write evaluation report of table '" + table + "' as JSON: " + e.getMessage(), e);
    }
  }

  /** Builds an {@link EvaluationReport}. */
  public static final class Builder {
    private String table;
    private long realRows;
    private long syntheticRows;
    private Long holdoutRows;
    private QualityResult quality;
    private ValidityResult validity;
    private List<LabelRate> labelRates = List.of();
    private List<RelationSupport> relations = List.of();
    private UtilityResult utility;
    private PrivacyResult privacy;
    private final List<String> notes = new ArrayList<>();
    private Map<String, String> options = Map.of();
    private Map<String, String> versions = Map.of();
    private final Map<String, Long> timingsMs = new LinkedHashMap<>();

    private Builder() {}

    public Builder table(String value) {
      this.table = value;
      return this;
    }

    public Builder rows(long real, long synthetic, Long holdout) {
      this.realRows = real;
      this.syntheticRows = synthetic;
      this.holdoutRows = holdout;
      return this;
    }

    public Builder quality(QualityResult value) {
      this.quality = value;
      return this;
    }

    public Builder validity(ValidityResult value) {
      this.validity = value;
      return this;
    }

    public Builder labelRates(List<LabelRate> value) {
      this.labelRates = value;
      return this;
    }

    public Builder relations(List<RelationSupport> value) {
      this.relations = value;
      return this;
    }

    public Builder utility(UtilityResult value) {
      this.utility = value;
      return this;
    }

    public Builder privacy(PrivacyResult value) {
      this.privacy = value;
      return this;
    }

    public Builder note(String value) {
      this.notes.add(value);
      return this;
    }

    public Builder options(Map<String, String> value) {
      this.options = value;
      return this;
    }

    public Builder versions(Map<String, String> value) {
      this.versions = value;
      return this;
    }

    public Builder timing(String stage, long millis) {
      this.timingsMs.put(stage, millis);
      return this;
    }

    public EvaluationReport build() {
      return new EvaluationReport(this);
    }
  }
}
