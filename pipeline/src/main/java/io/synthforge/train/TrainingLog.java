package io.synthforge.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.SynthforgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The training log as JSON lines, one object per round with the fields of training_round.avsc. */
public final class TrainingLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingLog() {}

  /** One compact JSON object per line. */
  public static String toJsonLines(List<Map<String, Object>> rounds) {
    StringBuilder lines = new StringBuilder();
    try {
      for (Map<String, Object> round : rounds) {
        lines.append(JSON.writeValueAsString(round)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot write the training log: " + e.getOriginalMessage(), e);
    }
    return lines.toString();
  }

  /** The rounds of a log written by {@link #toJsonLines}. */
  public static List<Map<String, Object>> fromJsonLines(String text) {
    List<Map<String, Object>> rounds = new ArrayList<>();
    try {
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          rounds.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
        }
      }
    } catch (JsonProcessingException e) {
      throw new SynthforgeException("Cannot read the training log: " + e.getOriginalMessage(), e);
    }
    return rounds;
  }
}
