package io.synthforge.eval;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small seeded tables for the evaluation tests. */
public final class EvalFixtures {
  private EvalFixtures() {}

  /** customers: id (pii), age, income (follows age), signup (timestamp), plan (nullable), fraud (rare label). */
  public static TableMetadata customers() {
    return TableMetadata.of(
        "customers",
        List.of(
            ColumnSpec.builder("id", ColumnType.STRING, ColumnRole.IDENTIFIER).build(),
            ColumnSpec.builder("age", ColumnType.INT, ColumnRole.CONTINUOUS).build(),
            ColumnSpec.builder("income", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build(),
            ColumnSpec.builder("signup", ColumnType.TIMESTAMP, ColumnRole.DATETIME).build(),
            ColumnSpec.builder("plan", ColumnType.STRING, ColumnRole.CATEGORICAL).nullable(true).build(),
            ColumnSpec.builder("fraud", ColumnType.STRING, ColumnRole.LABEL).build()));
  }

  public static StructType customersSchema() {
    return new StructType()
        .add("id", DataTypes.StringType, false)
        .add("age", DataTypes.IntegerType, false)
        .add("income", DataTypes.DoubleType, false)
        .add("signup", DataTypes.TimestampType, false)
        .add("plan", DataTypes.StringType, true)
        .add("fraud", DataTypes.StringType, false);
  }

  /** {@code rows} customers drawn with {@code seed}; ids are {@code prefix} + row number. */
  public static Dataset<Row> customers(SparkSession spark, int rows, long seed, String prefix) {
    Random random = new Random(seed);
    String[] plans = {"basic", "plus", "pro", null};
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int age = 18 + random.nextInt(60);
      double income = 800 * age + random.nextGaussian() * 4000;
      Instant signup = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(3 * 365 * 86400));
      String plan = plans[Math.min(3, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.5))];
      String fraud = random.nextDouble() < 0.05 ? "1" : "0";
      data.add(RowFactory.create(prefix + i, age, income, signup, plan, fraud));
    }
    return spark.createDataFrame(data, customersSchema());
  }
}
