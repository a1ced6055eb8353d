package io.synthforge.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A constraints file ({@code train --constraints FILE}): YAML holding a {@code constraints:} list (as in a pipeline
 * file), or a plain list, whose items are constraint texts or mappings with a {@code text} (so a dataset's
 * {@code relations.yaml}, whose list is called {@code relations:}, can be passed as it is).
 */
public final class ConstraintsFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConstraintsFile() {}

  /** The constraint texts of {@code yaml} (read from {@code origin}); a malformed file is a usage error. */
  public static List<String> parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConstraintException("Cannot read constraints file " + origin + ": not valid YAML ("
          + firstLine(e.getMessage()) + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    JsonNode list = root;
    if (root.isObject()) {
      list = root.has("constraints") ? root.get("constraints") : root.get("relations");
      if (list == null) {
        throw new ConstraintException("Cannot read constraints file " + origin
            + ": expected a 'constraints:' list at the top");
      }
    }
    if (list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConstraintException("Cannot read constraints file " + origin + ": 'constraints' must be a list");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : list) {
      if (item.isValueNode()) {
        texts.add(item.asText());
      } else if (item.isObject() && item.has("text")) {
        texts.add(item.get("text").asText());
      } else {
        throw new ConstraintException("Cannot read constraints file " + origin + ": item " + (texts.size() + 1)
            + " is neither a constraint nor a mapping with a 'text'");
      }
    }
    return texts;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
