package io.synthforge.ingest;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import io.synthforge.transform.ContinuousTransform;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Proves the fitted transformer on every accepted row: encodes and decodes each one on Spark and counts
 * discrete values that do not come back exactly, and the largest continuous error relative to the column's
 * range. The numbers go into the dataset manifest, so a reviewer need not take the transformer on trust.
 */
public final class RoundTripCheck {
  private RoundTripCheck() {}

  /** What the check found. */
  public static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    final long categoricalMismatches;
    final double maxContinuousError;

    Result(long categoricalMismatches, double maxContinuousError) {
      this.categoricalMismatches = categoricalMismatches;
      this.maxContinuousError = maxContinuousError;
    }

    /** Rows with at least one discrete value that did not come back exactly. */
    public long categoricalMismatches() {
      return categoricalMismatches;
    }

    /** Largest continuous error relative to the column's observed range. */
    public double maxContinuousError() {
      return maxContinuousError;
    }

    Result merge(Result other) {
      return new Result(categoricalMismatches + other.categoricalMismatches, Math.max(maxContinuousError, other.maxContinuousError));
    }
  }

  /** Runs the check over {@code rows} (laid out as {@code table}). */
  public static Result run(SparkSession spark, Dataset<Row> rows, TableMetadata table, String transformerJson) {
    Broadcast<String> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(transformerJson);
    int width = table.columns().size();
    List<ColumnSpec> columns = table.columns();
    return rows.toJavaRDD().mapPartitions(partition -> {
      TableTransformer transformer = TransformerCodec.fromJson(shipped.value());
      double[] ranges = new double[width];
      for (int i = 0; i < width; i++) {
        ColumnSpec column = columns.get(i);
        if (column.role() == ColumnRole.CONTINUOUS || column.role() == ColumnRole.DATETIME) {
          ContinuousTransform continuous = (ContinuousTransform) transformer.transform(column.name());
          ranges[i] = Math.max(continuous.max() - continuous.min(), Double.MIN_NORMAL);
        }
      }
      Object[] values = new Object[width];
      long mismatches = 0;
      double maxError = 0;
      while (partition.hasNext()) {
        Row row = partition.next();
        for (int i = 0; i < width; i++) {
          values[i] = row.get(i);
        }
        Object[] restored = transformer.decode(transformer.encode(values));
        boolean mismatch = false;
        for (int i = 0; i < width; i++) {
          ColumnRole role = columns.get(i).role();
          if (role == ColumnRole.IDENTIFIER) {
            continue;
          }
          if (role.isDiscrete()) {
            mismatch |= !Objects.equals(values[i], restored[i]);
          } else if (values[i] == null || restored[i] == null) {
            mismatch |= values[i] != restored[i];
          } else {
            double error = Math.abs(ValueParser.numeric(values[i]) - ValueParser.numeric(restored[i])) / ranges[i];
            maxError = Math.max(maxError, error);
          }
        }
        if (mismatch) {
          mismatches++;
        }
      }
      return List.of(new Result(mismatches, maxError)).iterator();
    }).reduce(Result::merge);
  }
}
