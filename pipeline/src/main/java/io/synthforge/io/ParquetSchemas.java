package io.synthforge.io;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet schemas of synthforge tables: the message Spark 3.5 writes for {@link SparkSchemas#of} with
 * {@code spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS}, so files written without Spark read back as the
 * same Spark types (the {@code spark_schema} name and each column's physical and logical type).
 */
public final class ParquetSchemas {
  /** The message name Spark gives its schemas. */
  public static final String MESSAGE_NAME = "spark_schema";

  private ParquetSchemas() {}

  /** The Parquet message of {@code table}'s columns, in order. */
  public static MessageType of(TableMetadata table) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (ColumnSpec column : table.columns()) {
      message.addField(field(column));
    }
    return message.named(MESSAGE_NAME);
  }

  private static Type field(ColumnSpec column) {
    Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    switch (column.type()) {
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
            .named(column.name());
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case INT:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case LONG:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(column.name());
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
      case DATE:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
            .named(column.name());
      case TIMESTAMP:
        return Types.primitive(PrimitiveTypeName.INT64, repetition)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(column.name());
      default:
        throw new IllegalArgumentException("Unknown column type " + column.type());
    }
  }
}
