package io.synthforge.constraint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthforge.api.SynthforgeException;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves and loads the rules of a model as versioned JSON ({@code constraints.json} in a model bundle): each rule's
 * text (the same text a person writes), origin, enforcement and real support, the combinations a
 * {@link FixedCombinations} allows, the columns' recorded decimals, and the columns the rules derive. Loading
 * reads each text back against the table and refuses versions it does not know.
 */
public final class ConstraintCodec {
  /** The format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConstraintCodec() {}

  /** The JSON of {@code set}. */
  public static String toJson(ConstraintSet set) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("table", set.schema().table().name());
    ObjectNode decimals = root.putObject("decimals");
    set.schema().decimals().forEach(decimals::put);
    ArrayNode derived = root.putArray("derivedColumns");
    set.derivedColumns().forEach(derived::add);
    ArrayNode rules = root.putArray("rules");
    for (Rule rule : set.rules()) {
      ObjectNode node = rules.addObject();
      node.put("text", rule.text());
      node.put("kind", rule.constraint().kind());
      node.put("origin", rule.origin().key());
      node.put("enforced", rule.enforced());
      node.put("rows", rule.support().rows());
      node.put("holding", rule.support().holding());
      if (rule.constraint() instanceof FixedCombinations && ((FixedCombinations) rule.constraint()).isFitted()) {
        ArrayNode combinations = node.putArray("combinations");
        for (List<String> combination : ((FixedCombinations) rule.constraint()).allowed()) {
          ArrayNode tuple = combinations.addArray();
          combination.forEach(tuple::add);
        }
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot save constraints: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The set saved as {@code json}, compiled for {@code table} and a generator producing {@code categories} (see
   * {@link ConstraintSet#compile}); {@code origin} names the file in errors.
   */
  public static ConstraintSet fromJson(String json, TableMetadata table, Map<String, Set<String>> categories,
      String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot load constraints from " + origin + ": not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject() || !root.has("formatVersion")) {
      throw new SynthforgeException("Cannot load constraints from " + origin + ": expected a JSON object with a formatVersion");
    }
    int version = root.get("formatVersion").asInt();
    if (version != FORMAT_VERSION) {
      throw new SynthforgeException("Cannot load constraints from " + origin + ": format version " + version
          + " is not supported (expected " + FORMAT_VERSION + ")");
    }
    Map<String, Integer> decimals = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("decimals").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      decimals.put(field.getKey(), field.getValue().asInt());
    }
    List<Rule> rules = new ArrayList<>();
    for (JsonNode node : root.path("rules")) {
      Constraint constraint = ConstraintParser.parse(node.path("text").asText(), table);
      if (constraint instanceof FixedCombinations && node.has("combinations")) {
        Set<List<String>> combinations = new LinkedHashSet<>();
        for (JsonNode tuple : node.get("combinations")) {
          List<String> values = new ArrayList<>();
          for (JsonNode value : tuple) {
            values.add(value.isNull() ? null : value.asText());
          }
          combinations.add(values);
        }
        constraint = ((FixedCombinations) constraint).fitted(combinations);
      }
      rules.add(Rule.of(constraint, Rule.Origin.parse(node.path("origin").asText("declared")),
          node.path("enforced").asBoolean(false), Support.of(node.path("rows").asLong(0), node.path("holding").asLong(0))));
    }
    ConstraintSet set = ConstraintSet.compile(RowSchema.of(table, decimals), rules, categories);
    Set<String> recorded = new LinkedHashSet<>();
    root.path("derivedColumns").forEach(column -> recorded.add(column.asText()));
    if (!recorded.equals(set.derivedColumns())) {
      throw new SynthforgeException("Cannot load constraints from " + origin + ": they derive " + set.derivedColumns()
          + " but the model was trained without generating " + recorded);
    }
    return set;
  }
}
