package io.synthforge.io;

import io.synthforge.api.AvroTableSchemas;
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
    String origin = record.getFullName();
    List<StructField> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      Schema values = AvroTableSchemas.valueSchema(field, origin);
      DataType type = values.getType() == Schema.Type.ARRAY
          ? DataTypes.createArrayType(SparkSchemas.type(AvroTableSchemas.type(values.getElementType(), field.name(), origin)), false)
          : SparkSchemas.type(AvroTableSchemas.type(values, field.name(), origin));
      fields.add(DataTypes.createStructField(field.name(), type, AvroTableSchemas.isNullable(field)));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }
}
