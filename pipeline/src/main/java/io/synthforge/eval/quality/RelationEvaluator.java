package io.synthforge.eval.quality;

import io.synthforge.constraint.Constraint;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.Rule;
import io.synthforge.constraint.Support;
import io.synthforge.constraint.spark.SupportCounter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The support of every relation of a table (declared constraints and discovered relations) in the real and in the
 * synthetic rows: one pass over each table, counting all relations at once.
 */
public final class RelationEvaluator {
  private RelationEvaluator() {}

  /** Each rule of {@code relations} measured on {@code real} and {@code synthetic} (typed rows of the table). */
  public static List<RelationSupport> evaluate(Dataset<Row> real, Dataset<Row> synthetic, ConstraintSet relations) {
    List<Constraint> constraints = new ArrayList<>();
    for (Rule rule : relations.rules()) {
      constraints.add(rule.constraint());
    }
    List<Support> inReal = SupportCounter.count(real, relations.schema(), constraints);
    List<Support> inSynthetic = SupportCounter.count(synthetic, relations.schema(), constraints);
    List<RelationSupport> results = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      Rule rule = relations.rules().get(i);
      results.add(new RelationSupport(rule.text(), rule.constraint().kind(), rule.origin().key(), rule.enforced(),
          inReal.get(i).rows(), inReal.get(i).share(), inSynthetic.get(i).rows(), inSynthetic.get(i).share()));
    }
    return results;
  }
}
