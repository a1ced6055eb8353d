package io.synthforge.api;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaParseException;

/**
 * Converts between Avro record schemas (the {@code .avsc} files in {@code schemas/}) and {@link TableMetadata}.
 *
 * <p>Roles and domains ride on Avro field properties: {@code role}, {@code domain} (array of strings),
 * {@code min}, {@code max} and {@code format}. A nullable column is a union with {@code null}.
 */
public final class AvroTableSchemas {
  private static final String ROLE = "role";
  private static final String DOMAIN = "domain";
  private static final String MIN = "min";
  private static final String MAX = "max";
  private static final String FORMAT = "format";
  /** The column's real name when it is not a valid Avro name (e.g. {@code education-num}). */
  private static final String COLUMN = "column";

  private AvroTableSchemas() {}

  /** Parses {@code json} as an Avro record schema describing a table. */
  public static TableMetadata parse(String json, String origin) {
    Schema schema;
    try {
      schema = new Schema.Parser().parse(json);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw new InvalidSchemaException("Cannot read schema " + origin + ": " + firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new InvalidSchemaException("Cannot read schema " + origin + ": not valid Avro JSON (" + firstLine(e.getMessage()) + ")", e);
    }
    return fromAvro(schema, origin);
  }

  /** The table described by an Avro record schema. */
  public static TableMetadata fromAvro(Schema schema, String origin) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new InvalidSchemaException("Cannot read schema " + origin + ": expected an Avro record, found " + schema.getType());
    }
    List<ColumnSpec> columns = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      columns.add(column(field, origin));
    }
    return TableMetadata.of(schema.getName(), columns);
  }

  private static ColumnSpec column(Schema.Field field, String origin) {
    boolean nullable = isNullable(field);
    ColumnType type = type(valueSchema(field, origin), field.name(), origin);
    Object roleProp = field.getObjectProp(ROLE);
    ColumnRole role = roleProp == null ? defaultRole(type) : ColumnRole.parse(roleProp.toString());
    Object realName = field.getObjectProp(COLUMN);
    ColumnSpec.Builder builder = ColumnSpec.builder(realName == null ? field.name() : realName.toString(), type, role)
        .nullable(nullable);
    Object domain = field.getObjectProp(DOMAIN);
    if (domain != null) {
      if (!(domain instanceof List)) {
        throw new InvalidSchemaException("Cannot read schema " + origin + ": 'domain' of field '" + field.name() + "' must be an array");
      }
      List<String> values = new ArrayList<>();
      for (Object value : (List<?>) domain) {
        values.add(String.valueOf(value));
      }
      builder.domain(values);
    }
    builder.min(number(field, MIN, origin)).max(number(field, MAX, origin));
    Object format = field.getObjectProp(FORMAT);
    if (format != null) {
      builder.format(format.toString());
    }
    try {
      return builder.build();
    } catch (InvalidSchemaException e) {
      throw new InvalidSchemaException("Cannot read schema " + origin + ": " + e.getMessage(), e);
    }
  }

  private static Double number(Schema.Field field, String prop, String origin) {
    Object value = field.getObjectProp(prop);
    if (value == null) {
      return null;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    throw new InvalidSchemaException(
        "Cannot read schema " + origin + ": '" + prop + "' of field '" + field.name() + "' must be a number");
  }

  /** Whether the field is a union with null. */
  public static boolean isNullable(Schema.Field field) {
    return field.schema().getType() == Schema.Type.UNION
        && field.schema().getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
  }

  /** The schema of the field's values: the field's own, or the one non-null branch of a union with null. */
  public static Schema valueSchema(Schema.Field field, String origin) {
    Schema fieldSchema = field.schema();
    if (fieldSchema.getType() != Schema.Type.UNION) {
      return fieldSchema;
    }
    List<Schema> branches = new ArrayList<>();
    for (Schema branch : fieldSchema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        branches.add(branch);
      }
    }
    if (branches.size() != 1) {
      throw new InvalidSchemaException(
          "Cannot read schema " + origin + ": field '" + field.name() + "' must be one type or a union of null and one type");
    }
    return branches.get(0);
  }

  /** The column type of a primitive Avro schema (with the date and timestamp logical types). */
  public static ColumnType type(Schema schema, String fieldName, String origin) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      String logicalName = logical.getName();
      if (logicalName.equals("date")) {
        return ColumnType.DATE;
      }
      if (logicalName.startsWith("timestamp") || logicalName.startsWith("local-timestamp")) {
        return ColumnType.TIMESTAMP;
      }
    }
    switch (schema.getType()) {
      case STRING:
      case ENUM:
        return ColumnType.STRING;
      case BOOLEAN:
        return ColumnType.BOOLEAN;
      case INT:
        return ColumnType.INT;
      case LONG:
        return ColumnType.LONG;
      case FLOAT:
        return ColumnType.FLOAT;
      case DOUBLE:
        return ColumnType.DOUBLE;
      default:
        throw new InvalidSchemaException("Cannot read schema " + origin + ": field '" + fieldName + "' has unsupported type "
            + schema.getType().getName() + " (use string, boolean, int, long, float, double, date or timestamp-millis)");
    }
  }

  /** The role a column of this type gets when the schema does not say. */
  public static ColumnRole defaultRole(ColumnType type) {
    if (type.isNumeric()) {
      return ColumnRole.CONTINUOUS;
    }
    if (type.isTemporal()) {
      return ColumnRole.DATETIME;
    }
    return ColumnRole.CATEGORICAL;
  }

  /** The Avro record schema of {@code table}, with roles and domains as field properties. */
  public static Schema toAvro(TableMetadata table, String namespace) {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(avroName(table.name())).namespace(namespace).fields();
    for (ColumnSpec column : table.columns()) {
      String fieldName = avroName(column.name());
      SchemaBuilder.FieldBuilder<Schema> field = fields.name(fieldName).prop(ROLE, column.role().key());
      if (!fieldName.equals(column.name())) {
        field.prop(COLUMN, column.name());
      }
      column.domain().ifPresent(values -> field.prop(DOMAIN, values));
      column.min().ifPresent(value -> field.prop(MIN, value));
      column.max().ifPresent(value -> field.prop(MAX, value));
      column.format().ifPresent(value -> field.prop(FORMAT, value));
      Schema base = avroType(column.type());
      if (column.nullable()) {
        fields = field.type(Schema.createUnion(Schema.create(Schema.Type.NULL), base)).withDefault(null);
      } else {
        fields = field.type(base).noDefault();
      }
    }
    return fields.endRecord();
  }

  /** The Avro type of a column type (date and timestamp as logical types). */
  public static Schema avroType(ColumnType type) {
    switch (type) {
      case STRING:
        return Schema.create(Schema.Type.STRING);
      case BOOLEAN:
        return Schema.create(Schema.Type.BOOLEAN);
      case INT:
        return Schema.create(Schema.Type.INT);
      case LONG:
        return Schema.create(Schema.Type.LONG);
      case FLOAT:
        return Schema.create(Schema.Type.FLOAT);
      case DOUBLE:
        return Schema.create(Schema.Type.DOUBLE);
      case DATE:
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case TIMESTAMP:
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
      default:
        throw new IllegalArgumentException("Unknown column type " + type);
    }
  }

  /** A valid Avro name made from a free-form table name. */
  public static String avroName(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
      cleaned = "t_" + cleaned;
    }
    return cleaned;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
