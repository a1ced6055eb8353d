package io.synthforge.constraint.spark;

import io.synthforge.constraint.Constraint;
import io.synthforge.constraint.ConstraintException;
import io.synthforge.constraint.FixedCombinations;
import io.synthforge.constraint.Outcome;
import io.synthforge.constraint.RowSchema;
import io.synthforge.constraint.Support;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Measures constraints on a table held by Spark: the support of many constraints in one pass (per-partition
 * counters, summed), and the combinations a {@link FixedCombinations} allows. Only counts reach the driver.
 */
public final class SupportCounter {
  private SupportCounter() {}

  /** The support of each of {@code constraints} (fitted) in {@code rows}, in one pass. */
  public static List<Support> count(Dataset<Row> rows, RowSchema schema, List<Constraint> constraints) {
    if (constraints.isEmpty()) {
      return List.of();
    }
    List<Constraint> shipped = List.copyOf(constraints);
    int n = shipped.size();
    long[] totals = SparkRows.of(rows, schema.table()).mapPartitions(partition -> {
      long[] counts = new long[2 * n];
      while (partition.hasNext()) {
        Object[] row = partition.next();
        for (int i = 0; i < n; i++) {
          Outcome outcome = shipped.get(i).check(row, schema);
          if (outcome != Outcome.NOT_APPLICABLE) {
            counts[2 * i]++;
            if (outcome == Outcome.HOLDS) {
              counts[2 * i + 1]++;
            }
          }
        }
      }
      return List.of(counts).iterator();
    }).fold(new long[2 * n], (a, b) -> {
      long[] sum = new long[2 * n];
      for (int i = 0; i < sum.length; i++) {
        sum[i] = a[i] + b[i];
      }
      return sum;
    });
    List<Support> supports = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      supports.add(Support.of(totals[2 * i], totals[2 * i + 1]));
    }
    return supports;
  }

  /** {@code constraint} allowing the combinations {@code rows} hold. */
  public static FixedCombinations fit(Dataset<Row> rows, RowSchema schema, FixedCombinations constraint) {
    JavaRDD<List<String>> combinations = SparkRows.of(rows, schema.table())
        .map(row -> constraint.combination(row, schema)).distinct();
    List<List<String>> seen = combinations.take(FixedCombinations.MAX_COMBINATIONS + 1);
    if (seen.size() > FixedCombinations.MAX_COMBINATIONS) {
      throw new ConstraintException("Cannot use " + constraint.text() + ": the real data hold more than "
          + FixedCombinations.MAX_COMBINATIONS + " combinations (choose columns with fewer values)");
    }
    Set<List<String>> allowed = new LinkedHashSet<>();
    seen.stream().sorted((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).forEach(allowed::add);
    return constraint.fitted(allowed);
  }
}
