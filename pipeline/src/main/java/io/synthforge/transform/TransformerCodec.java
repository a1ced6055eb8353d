package io.synthforge.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads a fitted {@link TableTransformer} as versioned JSON: the table, the options, the seed and each
 * column's fitted parameters (doubles as JSON numbers, which round-trip exactly). Loading refuses format
 * versions it does not know.
 */
public final class TransformerCodec {
  /** The format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONTINUOUS = "continuous";
  private static final String CATEGORICAL = "categorical";

  private TransformerCodec() {}

  /** The JSON form of {@code transformer}. */
  public static String toJson(TableTransformer transformer) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.set("table", table(transformer.metadata()));
    root.set("options", options(transformer.options()));
    root.put("seed", transformer.seed());
    ArrayNode columns = root.putArray("columns");
    for (ColumnTransform transform : transformer.transforms()) {
      columns.add(transform instanceof ContinuousTransform
          ? continuous((ContinuousTransform) transform)
          : categorical((CategoricalTransform) transform));
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new TransformerFormatException("Cannot save transformer: " + e.getOriginalMessage(), e);
    }
  }

  /** The transformer saved as {@code json} by {@link #toJson}. */
  public static TableTransformer fromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new TransformerFormatException("Cannot load transformer: not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new TransformerFormatException("Cannot load transformer: expected a JSON object");
    }
    int version = required(root, "formatVersion", "the document").asInt();
    if (version != FORMAT_VERSION) {
      throw new TransformerFormatException("Cannot load transformer: format version " + version
          + " is not supported (expected " + FORMAT_VERSION + ")");
    }
    TableMetadata metadata = readTable(required(root, "table", "the document"));
    TransformOptions options = readOptions(required(root, "options", "the document"));
    long seed = required(root, "seed", "the document").asLong();
    List<ColumnTransform> transforms = new ArrayList<>();
    for (JsonNode column : required(root, "columns", "the document")) {
      transforms.add(readColumn(column));
    }
    return new TableTransformer(metadata, options, seed, transforms);
  }

  private static ObjectNode table(TableMetadata metadata) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", metadata.name());
    ArrayNode columns = node.putArray("columns");
    for (ColumnSpec column : metadata.columns()) {
      ObjectNode columnNode = columns.addObject();
      columnNode.put("name", column.name());
      columnNode.put("type", column.type().name());
      columnNode.put("role", column.role().key());
      columnNode.put("nullable", column.nullable());
      column.domain().ifPresent(values -> values.forEach(columnNode.putArray("domain")::add));
      column.min().ifPresent(value -> columnNode.put("min", value));
      column.max().ifPresent(value -> columnNode.put("max", value));
      column.format().ifPresent(value -> columnNode.put("format", value));
    }
    return node;
  }

  private static TableMetadata readTable(JsonNode node) {
    List<ColumnSpec> columns = new ArrayList<>();
    for (JsonNode column : required(node, "columns", "the table")) {
      String name = required(column, "name", "a table column").asText();
      ColumnSpec.Builder builder = ColumnSpec.builder(name, columnType(column, "column '" + name + "'"),
              ColumnRole.parse(required(column, "role", "column '" + name + "'").asText()))
          .nullable(column.path("nullable").asBoolean(false));
      if (column.has("domain")) {
        builder.domain(texts(column.get("domain")));
      }
      if (column.has("min")) {
        builder.min(column.get("min").asDouble());
      }
      if (column.has("max")) {
        builder.max(column.get("max").asDouble());
      }
      if (column.has("format")) {
        builder.format(column.get("format").asText());
      }
      columns.add(builder.build());
    }
    return TableMetadata.of(required(node, "name", "the table").asText(), columns);
  }

  private static ObjectNode options(TransformOptions options) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("maxModes", options.maxModes());
    node.put("minModeWeight", options.minModeWeight());
    node.put("weightConcentration", options.weightConcentration());
    node.put("spikeShare", options.spikeShare());
    node.put("maxSpikes", options.maxSpikes());
    node.put("spikeFloor", options.spikeFloor());
    node.put("foldRareBelow", options.foldRareBelow());
    node.put("stdDevsPerUnit", options.stdDevsPerUnit());
    node.put("scalarClip", options.scalarClip());
    node.put("maxIterations", options.maxIterations());
    node.put("logScaleRatio", options.logScaleRatio());
    return node;
  }

  private static TransformOptions readOptions(JsonNode node) {
    String where = "the options";
    return TransformOptions.builder()
        .maxModes(required(node, "maxModes", where).asInt())
        .minModeWeight(required(node, "minModeWeight", where).asDouble())
        .weightConcentration(required(node, "weightConcentration", where).asDouble())
        .spikeShare(required(node, "spikeShare", where).asDouble())
        .maxSpikes(required(node, "maxSpikes", where).asInt())
        // Transformers written before nested spikes counted every spike against the whole sample.
        .spikeFloor(node.path("spikeFloor").asDouble(required(node, "spikeShare", where).asDouble()))
        .foldRareBelow(required(node, "foldRareBelow", where).asDouble())
        .stdDevsPerUnit(required(node, "stdDevsPerUnit", where).asDouble())
        .scalarClip(required(node, "scalarClip", where).asDouble())
        .maxIterations(required(node, "maxIterations", where).asInt())
        // Transformers written before log scales existed never used one.
        .logScaleRatio(node.path("logScaleRatio").asDouble(0.0))
        .build();
  }

  private static ObjectNode continuous(ContinuousTransform transform) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("column", transform.column());
    node.put("kind", CONTINUOUS);
    node.put("type", transform.type().name());
    doubles(node.putArray("spikes"), transform.spikes());
    node.put("nullMode", transform.hasNullMode());
    ObjectNode modes = node.putObject("modes");
    GaussianMixture1D mixture = transform.mixture();
    doubles(modes.putArray("weights"), mixture.weights());
    doubles(modes.putArray("means"), mixture.means());
    doubles(modes.putArray("stdDevs"), mixture.stdDevs());
    node.put("decimals", transform.decimals());
    node.put("min", transform.min());
    node.put("max", transform.max());
    node.put("stdDevsPerUnit", transform.stdDevsPerUnit());
    node.put("scalarClip", transform.scalarClip());
    node.put("scale", transform.isLogScale() ? "log" : "linear");
    return node;
  }

  private static ObjectNode categorical(CategoricalTransform transform) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("column", transform.column());
    node.put("kind", CATEGORICAL);
    node.put("type", transform.type().name());
    transform.categories().forEach(node.putArray("categories")::add);
    longs(node.putArray("counts"), transform.counts());
    node.put("nullCount", transform.nullCount());
    transform.folded().forEach(node.putArray("folded")::add);
    longs(node.putArray("foldedCounts"), transform.foldedCounts());
    return node;
  }

  private static ColumnTransform readColumn(JsonNode node) {
    String name = required(node, "column", "a column transform").asText();
    String where = "the transform of column '" + name + "'";
    ColumnType type = columnType(node, where);
    String kind = required(node, "kind", where).asText();
    if (kind.equals(CONTINUOUS)) {
      JsonNode modes = required(node, "modes", where);
      GaussianMixture1D mixture = GaussianMixture1D.of(doubles(required(modes, "weights", where)),
          doubles(required(modes, "means", where)), doubles(required(modes, "stdDevs", where)));
      return new ContinuousTransform(name, type, doubles(required(node, "spikes", where)),
          required(node, "nullMode", where).asBoolean(), mixture, required(node, "decimals", where).asInt(),
          required(node, "min", where).asDouble(), required(node, "max", where).asDouble(),
          required(node, "stdDevsPerUnit", where).asDouble(), required(node, "scalarClip", where).asDouble(),
          "log".equals(node.path("scale").asText("linear")));
    }
    if (kind.equals(CATEGORICAL)) {
      return new CategoricalTransform(name, type, texts(required(node, "categories", where)),
          longs(required(node, "counts", where)), required(node, "nullCount", where).asLong(),
          texts(required(node, "folded", where)), longs(required(node, "foldedCounts", where)));
    }
    throw new TransformerFormatException(
        "Cannot load transformer: " + where + " has unknown kind '" + kind + "' (expected continuous or categorical)");
  }

  private static ColumnType columnType(JsonNode node, String where) {
    String text = required(node, "type", where).asText();
    try {
      return ColumnType.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new TransformerFormatException("Cannot load transformer: " + where + " has unknown type '" + text + "'", e);
    }
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new TransformerFormatException("Cannot load transformer: " + where + " has no field '" + field + "'");
    }
    return value;
  }

  private static void doubles(ArrayNode array, double[] values) {
    for (double value : values) {
      array.add(value);
    }
  }

  private static void longs(ArrayNode array, long[] values) {
    for (long value : values) {
      array.add(value);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>(array.size());
    for (JsonNode value : array) {
      values.add(value.asText());
    }
    return values;
  }
}
