package io.synthforge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.synthforge.api.SynthforgeException;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.schema.LabelShortfall;
import io.synthforge.schema.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dataset's {@code relations.yaml}: the relations found at ingest, one entry per relation with its text (the
 * syntax of a pipeline's {@code constraints:} list), support and enforcement, for a person to review.
 */
final class RelationsFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private RelationsFile() {}

  /** The YAML text listing {@code relations}, found with {@code options} by ingest run {@code runId}. */
  static String yaml(List<Relation> relations, MiningOptions options, String runId) {
    StringBuilder text = new StringBuilder();
    text.append("# Relations found in the training rows by ingest run ").append(runId).append(" (--relations ")
        .append(options.mode().key()).append(").\n");
    if (options.mode() == RelationsMode.OFF) {
      text.append("# None were looked for.\n");
    } else {
      text.append(String.format(Locale.ROOT, "# Kept: those holding on at least %s of the rows they apply to; "
          + "enforced by train: %s.%n", options.minSupport(), options.mode() == RelationsMode.ENFORCE
          ? "those holding on at least " + options.enforceSupport() : "none (suggest mode)"));
      text.append("# Copy a text into a pipeline's constraints: list (or a train --constraints file) to declare it.\n");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Relation relation : relations) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("text", relation.getText());
      entry.put("support", relation.getSupport());
      entry.put("rows", relation.getRows());
      entry.put("violating_rows", relation.getRows() - relation.getHoldingRows());
      entry.put("enforced", relation.getEnforced());
      if (relation.getDerives() != null) {
        entry.put("derives", relation.getDerives());
      }
      if (relation.getLabelShortfall() != null) {
        LabelShortfall shortfall = relation.getLabelShortfall();
        entry.put("not_enforced_because", String.format(Locale.ROOT, "it holds on %d of the %d rows with %s = %s",
            shortfall.getHoldingRows(), shortfall.getRows(), shortfall.getColumn(), shortfall.getValue()));
      }
      entries.add(entry);
    }
    try {
      return text.append(YAML.writeValueAsString(Map.of("relations", entries))).toString();
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot write relations.yaml: " + e.getOriginalMessage(), e);
    }
  }
}
