package io.synthforge.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.synthforge.api.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline file (YAML) as a tree, with {@code --set a.b.c=value} overrides applied, and typed reads that name
 * the offending path when a value is missing or of the wrong kind.
 */
public final class PipelineFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String origin;
  private final ObjectNode root;

  private PipelineFile(String origin, ObjectNode root) {
    this.origin = origin;
    this.root = root;
  }

  /** Parses {@code text} (from {@code origin}) and applies {@code overrides} (dotted path → YAML scalar). */
  public static PipelineFile parse(String text, String origin, Map<String, String> overrides) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (IOException e) {
      throw new UsageException("Cannot read pipeline " + origin + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
    }
    if (tree == null || !tree.isObject()) {
      throw new UsageException("Cannot read pipeline " + origin + ": expected a YAML mapping at the top");
    }
    ObjectNode root = (ObjectNode) tree;
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      set(root, override.getKey(), override.getValue(), origin);
    }
    return new PipelineFile(origin, root);
  }

  private static void set(ObjectNode root, String path, String value, String origin) {
    String[] keys = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(keys[i]);
      }
      if (!child.isObject()) {
        throw new UsageException("Cannot set " + path + " in pipeline " + origin + ": '" + keys[i] + "' is not a section");
      }
      node = (ObjectNode) child;
    }
    JsonNode parsed;
    try {
      parsed = YAML.readTree(value);
    } catch (IOException e) {
      parsed = JsonNodeFactory.instance.textNode(value);
    }
    node.set(keys[keys.length - 1], parsed == null || parsed.isMissingNode() ? JsonNodeFactory.instance.nullNode() : parsed);
  }

  public String origin() {
    return origin;
  }

  private JsonNode at(String path) {
    JsonNode node = root;
    for (String key : path.split("\\.")) {
      node = node == null ? null : node.get(key);
    }
    return node == null || node.isNull() ? null : node;
  }

  /** Whether {@code path} holds a value. */
  public boolean has(String path) {
    return at(path) != null;
  }

  /** The text at {@code path}, or {@code fallback}. */
  public String text(String path, String fallback) {
    JsonNode node = at(path);
    if (node == null) {
      return fallback;
    }
    if (!node.isValueNode()) {
      throw wrongKind(path, "a value");
    }
    return node.asText();
  }

  /** The text at {@code path}; missing is a usage error. */
  public String requiredText(String path) {
    String value = text(path, null);
    if (value == null) {
      throw new UsageException("Cannot read pipeline " + origin + ": '" + path + "' is required");
    }
    return value;
  }

  public long longValue(String path, long fallback) {
    JsonNode node = at(path);
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong() && !(node.isTextual() && node.asText().matches("-?\\d+"))) {
      throw wrongKind(path, "an integer");
    }
    return node.isTextual() ? Long.parseLong(node.asText()) : node.asLong();
  }

  public int intValue(String path, int fallback) {
    return Math.toIntExact(longValue(path, fallback));
  }

  public double doubleValue(String path, double fallback) {
    JsonNode node = at(path);
    if (node == null) {
      return fallback;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    try {
      return Double.parseDouble(node.asText());
    } catch (NumberFormatException e) {
      throw wrongKind(path, "a number");
    }
  }

  /** A list of texts at {@code path} (a YAML sequence, or one value), empty when missing. */
  public List<String> texts(String path) {
    JsonNode node = at(path);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        values.add(item.asText());
      }
    } else if (node.isValueNode()) {
      values.add(node.asText());
    } else {
      throw wrongKind(path, "a list");
    }
    return values;
  }

  /** A mapping of texts at {@code path}, empty when missing. */
  public Map<String, String> map(String path) {
    JsonNode node = at(path);
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!node.isObject()) {
      throw wrongKind(path, "a mapping");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }

  /** The section at {@code path} as canonical JSON (sorted keys), for fingerprints. */
  public String canonical(String path) {
    JsonNode node = at(path);
    try {
      ObjectMapper json = new ObjectMapper();
      json.configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
      return node == null ? "null" : json.writeValueAsString(json.treeToValue(node, Object.class));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise '" + path + "': " + e.getMessage(), e);
    }
  }

  private UsageException wrongKind(String path, String kind) {
    return new UsageException("Cannot read pipeline " + origin + ": '" + path + "' must be " + kind);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
