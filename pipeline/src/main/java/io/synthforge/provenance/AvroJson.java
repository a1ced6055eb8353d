package io.synthforge.provenance;

import io.synthforge.api.SynthforgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro records as pretty JSON (Avro's JSON encoding): typed by the schema, readable by people. */
public final class AvroJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AvroJson() {}

  /** The JSON encoding of {@code record}. */
  public static <T extends SpecificRecord> String write(T record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Encoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out, true);
      @SuppressWarnings("unchecked")
      SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
      writer.write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8) + "\n";
    } catch (IOException e) {
      throw new SynthforgeException("Cannot encode " + record.getSchema().getName() + " as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a record of {@code type} from its JSON encoding; {@code origin} names the source in errors. A field the
   * JSON lacks takes its schema default (Avro's JSON decoder has no defaults), so a manifest written before a field
   * with a default was added still reads.
   */
  public static <T extends SpecificRecord> T read(String json, Class<T> type, Schema schema, String origin) {
    try {
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
      return reader.read(null, DecoderFactory.get().jsonDecoder(schema, withDefaults(json, schema)));
    } catch (IOException | RuntimeException e) {
      throw new SynthforgeException("Cannot read " + schema.getName() + " from " + origin + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code json} with every field of {@code schema} it lacks set to the field's default, when it has one: at the top
   * level and in nested records (a manifest's relations written before a field was added to them).
   */
  private static String withDefaults(String json, Schema schema) throws IOException {
    JsonNode tree = MAPPER.readTree(json);
    return tree != null && fillDefaults(tree, schema) ? MAPPER.writeValueAsString(tree) : json;
  }

  /** Fills the defaults {@code node} (encoded as {@code schema}) lacks, recursively; whether it changed anything. */
  private static boolean fillDefaults(JsonNode node, Schema schema) {
    boolean changed = false;
    switch (schema.getType()) {
      case RECORD:
        if (!node.isObject()) {
          return false;
        }
        ObjectNode object = (ObjectNode) node;
        for (Schema.Field field : schema.getFields()) {
          if (object.has(field.name())) {
            changed |= fillDefaults(object.get(field.name()), field.schema());
            continue;
          }
          if (!field.hasDefaultValue()) {
            continue;
          }
          Object value = field.defaultVal();
          boolean isNull = value == null || value == JsonProperties.NULL_VALUE;
          if (field.schema().getType() == Schema.Type.UNION && !isNull) {
            continue;
          }
          object.set(field.name(), isNull ? NullNode.getInstance() : MAPPER.valueToTree(value));
          changed = true;
        }
        return changed;
      case ARRAY:
        for (JsonNode element : node) {
          changed |= fillDefaults(element, schema.getElementType());
        }
        return changed;
      case MAP:
        for (JsonNode value : node) {
          changed |= fillDefaults(value, schema.getValueType());
        }
        return changed;
      case UNION:
        // Avro's JSON encoding wraps a non-null branch as {"full.type.Name": value}.
        if (node.isObject() && node.size() == 1) {
          String branch = node.fieldNames().next();
          for (Schema type : schema.getTypes()) {
            if (type.getFullName().equals(branch)) {
              return fillDefaults(node.get(branch), type);
            }
          }
        }
        return false;
      default:
        return false;
    }
  }
}
