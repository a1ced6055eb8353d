package io.synthforge.constraint.spark;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.constraint.LabelSupport;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.Precision;
import io.synthforge.constraint.RelationMiner;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.constraint.RowSchema;
import io.synthforge.constraint.Rule;
import io.synthforge.io.JavaSerialized;
import io.synthforge.transform.ColumnProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RelationMiner} over a table on Spark: two passes, each one {@code mapPartitions} building a
 * partition's counters and one reduce, whatever the number of columns. The columns' decimals and category lists
 * come from the ingest profiles.
 */
public final class RelationMining {
  private static final Logger LOG = LoggerFactory.getLogger(RelationMining.class);

  private RelationMining() {}

  /** What mining found: the relations (with support) and the decimals comparisons used. */
  public static final class Result {
    private final List<Rule> relations;
    private final Map<String, Integer> decimals;
    private final Map<String, LabelSupport.Shortfall> shortfalls;

    Result(List<Rule> relations, Map<String, Integer> decimals, Map<String, LabelSupport.Shortfall> shortfalls) {
      this.relations = List.copyOf(relations);
      this.decimals = Map.copyOf(decimals);
      this.shortfalls = Map.copyOf(shortfalls);
    }

    /** The relations kept, as discovered rules. */
    public List<Rule> relations() {
      return relations;
    }

    /** Each continuous column's recorded decimals (-1: not fixed). */
    public Map<String, Integer> decimals() {
      return decimals;
    }

    /** By relation text: the label value whose rows kept a relation from being enforced (see {@link LabelSupport}). */
    public Map<String, LabelSupport.Shortfall> shortfalls() {
      return shortfalls;
    }
  }

  /** The decimals of each continuous column, from its profile's sample. */
  public static Map<String, Integer> decimals(TableMetadata table, Map<String, ColumnProfile> profiles) {
    Map<String, Integer> decimals = new LinkedHashMap<>();
    for (ColumnSpec column : table.learnedColumns()) {
      ColumnProfile profile = profiles.get(column.name());
      if (column.role() == ColumnRole.CONTINUOUS && profile != null && profile.isNumeric()) {
        decimals.put(column.name(), Precision.decimals(profile.sample(), column.type()));
      }
    }
    return decimals;
  }

  /** Mines {@code rows} (laid out as {@code table}, profiled as {@code profiles}). */
  public static Result mine(Dataset<Row> rows, TableMetadata table, Map<String, ColumnProfile> profiles,
      MiningOptions options) {
    Map<String, Integer> decimals = decimals(table, profiles);
    if (options.mode() == RelationsMode.OFF) {
      return new Result(List.of(), decimals, Map.of());
    }
    long started = System.currentTimeMillis();
    RowSchema schema = RowSchema.of(table, decimals);
    RelationMiner miner = RelationMiner.of(schema, categories(table, profiles), options);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    // Java-serialized whatever spark.serializer is: Kryo cannot rebuild the miner's immutable collections, on
    // the way to the executors nor on the way back (task results use the same serializer).
    Broadcast<JavaSerialized<RelationMiner>> shipped = context.broadcast(JavaSerialized.of(miner));
    JavaRDD<Object[]> values = SparkRows.of(rows, table).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      RelationMiner.Profile profile = values.mapPartitions(partition -> {
        RelationMiner m = shipped.value().get();
        RelationMiner.Profile p = m.newProfile();
        partition.forEachRemaining(row -> m.profile(row, p));
        return List.of(JavaSerialized.of(p)).iterator();
      }).collect().stream().map(JavaSerialized::get).reduce(RelationMiner.Profile::merge).orElseGet(miner::newProfile);
      Broadcast<JavaSerialized<RelationMiner.Profile>> profiled = context.broadcast(JavaSerialized.of(profile));
      RelationMiner.Counts counts = values.mapPartitions(partition -> {
        RelationMiner m = shipped.value().get();
        RelationMiner.Counts c = m.newCounts();
        RelationMiner.Profile p = profiled.value().get();
        partition.forEachRemaining(row -> m.count(row, p, c));
        return List.of(JavaSerialized.of(c)).iterator();
      }).collect().stream().map(JavaSerialized::get).reduce(RelationMiner.Counts::merge).orElseGet(miner::newCounts);
      profiled.destroy();
      List<Rule> found = miner.relations(profile, counts);
      Map<String, LabelSupport.Shortfall> shortfalls = shortfalls(values, context, schema, found, profiles, options);
      List<Rule> relations = LabelSupport.withdrawn(found, shortfalls);
      LOG.info("Mined {} candidate relations in {} groups in {} ms: kept {} ({} enforced)", miner.candidates(),
          miner.groups(), System.currentTimeMillis() - started, relations.size(),
          relations.stream().filter(Rule::enforced).count());
      for (Rule relation : relations) {
        LOG.info("Relation: {}", relation);
      }
      return new Result(relations, decimals, shortfalls);
    } finally {
      values.unpersist(false);
      shipped.destroy();
    }
  }

  /**
   * The enforceable relations that some value of the first label column supports less than the enforcement support
   * (see {@link LabelSupport}): one more pass, only when there is a label and such a relation.
   */
  private static Map<String, LabelSupport.Shortfall> shortfalls(JavaRDD<Object[]> values, JavaSparkContext context,
      RowSchema schema, List<Rule> relations, Map<String, ColumnProfile> profiles, MiningOptions options) {
    TableMetadata table = schema.table();
    java.util.Optional<ColumnSpec> label =
        table.columns().stream().filter(column -> column.role() == ColumnRole.LABEL).findFirst();
    if (label.isEmpty() || relations.stream().noneMatch(rule -> rule.support().share() >= options.enforceSupport())) {
      return Map.of();
    }
    List<String> labelValues = categories(table, profiles).getOrDefault(label.get().name(), List.of());
    LabelSupport audit = LabelSupport.of(schema, relations, label.get().name(), labelValues);
    Broadcast<JavaSerialized<LabelSupport>> shipped = context.broadcast(JavaSerialized.of(audit));
    try {
      long[] counts = values.mapPartitions(partition -> {
        LabelSupport a = shipped.value().get();
        long[] c = a.newCounts();
        partition.forEachRemaining(row -> a.count(row, c));
        return List.of(c).iterator();
      }).reduce(LabelSupport::merge);
      return audit.shortfalls(counts, options.enforceSupport());
    } finally {
      shipped.destroy();
    }
  }

  private static String label(String text) {
    try {
      return io.synthforge.constraint.Values.label(Double.valueOf(text));
    } catch (NumberFormatException e) {
      return text;
    }
  }

  /** Each discrete column's values: the declared domain's order first, then the others by frequency. */
  private static Map<String, List<String>> categories(TableMetadata table, Map<String, ColumnProfile> profiles) {
    Map<String, List<String>> categories = new LinkedHashMap<>();
    for (ColumnSpec column : table.learnedColumns()) {
      ColumnProfile profile = profiles.get(column.name());
      if (!column.role().isDiscrete() || profile == null || profile.isNumeric()) {
        continue;
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      boolean floating = column.type() == io.synthforge.api.ColumnType.DOUBLE
          || column.type() == io.synthforge.api.ColumnType.FLOAT;
      // Spark writes a whole double as "1.0"; constraints read it as the label "1" (see Values.label).
      profile.categoryCounts().forEach((key, count) -> counts.merge(floating ? label(key) : key, count, Long::sum));
      List<String> values = new ArrayList<>();
      column.domain().ifPresent(domain -> domain.stream().filter(counts::containsKey).forEach(values::add));
      counts.entrySet().stream()
          .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
              : Long.compare(b.getValue(), a.getValue()))
          .map(Map.Entry::getKey)
          .filter(value -> !values.contains(value))
          .forEach(values::add);
      categories.put(column.name(), values);
    }
    return categories;
  }
}
