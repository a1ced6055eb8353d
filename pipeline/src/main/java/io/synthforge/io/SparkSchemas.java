package io.synthforge.io;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark SQL types of synthforge tables. */
public final class SparkSchemas {
  private SparkSchemas() {}

  /** The Spark struct of {@code table}'s columns, in order. */
  public static StructType of(TableMetadata table) {
    return new StructType(fields(table).toArray(new StructField[0]));
  }

  /** The Spark fields of {@code table}'s columns, in order. */
  public static List<StructField> fields(TableMetadata table) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      fields.add(DataTypes.createStructField(column.name(), type(column.type()), column.nullable()));
    }
    return fields;
  }

  /** The Spark type of a column type. */
  public static DataType type(ColumnType type) {
    switch (type) {
      case STRING:
        return DataTypes.StringType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INT:
        return DataTypes.IntegerType;
      case LONG:
        return DataTypes.LongType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      default:
        throw new IllegalArgumentException("Unknown column type " + type);
    }
  }
}
