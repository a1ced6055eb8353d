package io.synthforge.train;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.constraint.Constraint;
import io.synthforge.constraint.ConstraintException;
import io.synthforge.constraint.ConstraintParser;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.FixedCombinations;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationRecords;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.constraint.RowSchema;
import io.synthforge.constraint.Rule;
import io.synthforge.constraint.Support;
import io.synthforge.constraint.spark.SupportCounter;
import io.synthforge.schema.Relation;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.ContinuousTransform;
import io.synthforge.transform.TableTransformer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The constraints a training run works under: the declared ones ({@code --constraints}), measured on the real
 * training rows (fixed combinations learn their allowed tuples there; a constraint broken by more than
 * {@code --max-constraint-violations} of the rows it applies to is refused), and the relations ingest found,
 * enforced as ingest recorded or as {@code --relations} says.
 */
public final class TrainingConstraints {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingConstraints.class);

  private TrainingConstraints() {}

  /** The compiled constraints of training {@code options} on {@code source}. */
  public static ConstraintSet resolve(SparkSession spark, TrainingSource source, TrainingOptions options) {
    TableMetadata table = source.table();
    TableTransformer transformer = source.transformer();
    RowSchema schema = RowSchema.of(table, decimals(source, transformer));
    List<Rule> rules = new ArrayList<>(declared(spark, source, schema, options));
    Set<String> declaredTexts = new HashSet<>();
    rules.forEach(rule -> declaredTexts.add(rule.text()));
    double enforceSupport = MiningOptions.defaults().enforceSupport();
    RelationsMode mode = options.relations();
    if (mode != RelationsMode.OFF) {
      for (Relation record : source.manifest().getRelations()) {
        Rule rule = RelationRecords.rules(List.of(record), table).get(0);
        if (declaredTexts.contains(rule.text())) {
          continue;
        }
        if (mode == RelationsMode.SUGGEST) {
          rule = rule.enforced(false);
        } else if (mode == RelationsMode.ENFORCE) {
          // A relation some label value's rows break (recorded by ingest) would redraw exactly those rows.
          rule = rule.enforced(rule.support().share() >= enforceSupport && record.getLabelShortfall() == null);
        }
        rules.add(rule);
      }
    }
    ConstraintSet set = ConstraintSet.compile(schema, rules, ConstraintSet.categories(transformer));
    if (!set.rules().isEmpty()) {
      LOG.info("Training under {} constraint(s), {} enforced; columns derived rather than generated: {}",
          set.rules().size(), set.enforced().size(), set.derivedColumns());
    }
    return set;
  }

  /** The recorded decimals of continuous columns; for a dataset ingested before they were, the transformer's. */
  private static Map<String, Integer> decimals(TrainingSource source, TableTransformer transformer) {
    Map<String, Integer> recorded = source.manifest().getColumnDecimals();
    if (!recorded.isEmpty()) {
      return new LinkedHashMap<>(recorded);
    }
    Map<String, Integer> decimals = new LinkedHashMap<>();
    for (ColumnSpec column : source.table().learnedColumns()) {
      if (column.role() != ColumnRole.CONTINUOUS) {
        continue;
      }
      ColumnTransform transform = transformer.transform(column.name());
      if (transform instanceof ContinuousTransform) {
        decimals.put(column.name(), ((ContinuousTransform) transform).decimals());
      }
    }
    return decimals;
  }

  private static List<Rule> declared(SparkSession spark, TrainingSource source, RowSchema schema,
      TrainingOptions options) {
    if (options.constraints().isEmpty()) {
      return List.of();
    }
    Dataset<Row> rows = source.rows(spark);
    List<Constraint> constraints = new ArrayList<>();
    for (Constraint constraint : ConstraintParser.parseAll(options.constraints(), schema.table())) {
      constraints.add(constraint instanceof FixedCombinations
          ? SupportCounter.fit(rows, schema, (FixedCombinations) constraint) : constraint);
    }
    List<Support> supports = SupportCounter.count(rows, schema, constraints);
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      Constraint constraint = constraints.get(i);
      Support support = supports.get(i);
      double broken = 1 - support.share();
      if (support.rows() == 0) {
        LOG.warn("Constraint '{}' applies to none of the {} real rows: check its condition", constraint.text(),
            source.manifest().getRowsAccepted() - source.manifest().getRowsHoldout());
      } else if (broken > options.maxConstraintViolations()) {
        throw new ConstraintException(String.format(Locale.ROOT, "Cannot enforce constraint '%s': %.2f%% of the real "
            + "rows it applies to (%,d of %,d) break it, above --max-constraint-violations %s; fix the constraint or its "
            + "condition, or raise the threshold", constraint.text(), 100 * broken, support.violating(), support.rows(),
            options.maxConstraintViolations()));
      } else if (broken > 0) {
        LOG.warn(String.format(Locale.ROOT, "Constraint '%s' is broken by %.3f%% of the real rows it applies to "
            + "(%,d of %,d); generated rows will satisfy it", constraint.text(), 100 * broken, support.violating(),
            support.rows()));
      } else {
        LOG.info("Constraint '{}' holds on all {} real rows it applies to", constraint.text(), support.rows());
      }
      rules.add(Rule.of(constraint, Rule.Origin.DECLARED, true, support));
    }
    return rules;
  }
}
