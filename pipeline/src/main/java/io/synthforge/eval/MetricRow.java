package io.synthforge.eval;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the metrics table: a metric of a table, optionally of one column, a pair of columns or one category.
 * The Avro record is {@code schemas/artifacts/quality_metric.avsc}; {@link #SCHEMA} is its Spark form.
 *
 * @param table the evaluated table
 * @param metric dotted metric name, e.g. {@code quality} or {@code column_shape.ks_complement}
 * @param column the column it is about, if any
 * @param column2 the second column of a pair metric, if any
 * @param category the category of a per-category metric (label rates), or the text of a relation (relation metrics)
 * @param value the value; NaN when undefined
 */
public record MetricRow(String table, String metric, String column, String column2, String category, double value) {
  /** The Spark schema of the Parquet metrics table. */
  public static final StructType SCHEMA =
      new StructType()
          .add("table", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, true)
          .add("column_2", DataTypes.StringType, true)
          .add("category", DataTypes.StringType, true)
          .add("value", DataTypes.DoubleType, false);

  /** This metric as a Spark row of {@link #SCHEMA}. */
  public Row toRow() {
    return RowFactory.create(table, metric, column, column2, category, value);
  }

  /** {@code rows} as a DataFrame of {@link #SCHEMA}, ready to append to the Parquet metrics table. */
  public static Dataset<Row> toDataFrame(SparkSession spark, List<MetricRow> rows) {
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (MetricRow row : rows) {
      sparkRows.add(row.toRow());
    }
    return spark.createDataFrame(sparkRows, SCHEMA);
  }
}
