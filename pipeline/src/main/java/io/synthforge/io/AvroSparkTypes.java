package io.synthforge.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark SQL struct of a flat Avro record (primitives, arrays of primitives, nullable unions), so that the
 * Parquet files a job writes are typed by the Avro schema in schemas/ and cannot drift from it. Written here
 * rather than taken from spark-avro's SchemaConverters because spark-avro is not on a cluster's default classpath
 * and this job must not need it.
 */
public final class AvroSparkTypes {
  private AvroSparkTypes() {}

  /** The struct of {@code record}'s fields, in order. */
  public static StructType struct(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("Cannot map Avro " + record.getType() + " to a struct: expected a record");
    }
    List<StructField> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      Schema schema = field.schema();
      boolean nullable = false;
      if (schema.getType() == Schema.Type.UNION) {
        List<Schema> branches = new ArrayList<>(schema.getTypes());
        nullable = branches.removeIf(branch -> branch.getType() == Schema.Type.NULL);
        if (branches.size() != 1) {
          throw new IllegalArgumentException("Cannot map field " + field.name() + ": only unions with null are supported");
        }
        schema = branches.get(0);
      }
      fields.add(DataTypes.createStructField(field.name(), type(schema, field.name()), nullable));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static DataType type(Schema schema, String field) {
    switch (schema.getType()) {
      case STRING:
        return DataTypes.StringType;
      case INT:
        return DataTypes.IntegerType;
      case LONG:
        return DataTypes.LongType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case BYTES:
        return DataTypes.BinaryType;
      case ARRAY:
        return DataTypes.createArrayType(type(schema.getElementType(), field), false);
      default:
        throw new IllegalArgumentException("Cannot map field " + field + " of Avro type " + schema.getType());
    }
  }
}
