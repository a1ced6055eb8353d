package io.synthforge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** JSON lines: one object per line; columns come from the schema, or from the keys of the first lines. */
public final class JsonLinesSource implements RecordSource {
  private static final int KEY_SAMPLE_LINES = 1000;

  private final JavaSparkContext context;
  private final List<String> paths;
  private final String encoding;
  private final List<String> columns;

  private JsonLinesSource(JavaSparkContext context, List<String> paths, String encoding, List<String> columns) {
    this.context = context;
    this.paths = paths;
    this.encoding = encoding;
    this.columns = columns;
  }

  /** Opens JSON-lines {@code files}; without {@code schemaColumns} the keys of the first lines name the columns. */
  public static JsonLinesSource open(JavaSparkContext context, Storage storage, List<FileStatus> files, String encoding,
      List<String> schemaColumns) {
    List<String> paths = TextLineSource.pathsOf(files);
    List<String> columns = schemaColumns;
    if (columns == null) {
      columns = keysOfFirstLines(storage, files.get(0), encoding);
    }
    return new JsonLinesSource(context, paths, encoding, List.copyOf(columns));
  }

  private static List<String> keysOfFirstLines(Storage storage, FileStatus file, String encoding) {
    String head = new String(storage.readHead(file.getPath(), 4 << 20), java.nio.charset.Charset.forName(encoding));
    ObjectMapper mapper = new ObjectMapper();
    Set<String> keys = new LinkedHashSet<>();
    int lines = 0;
    for (String line : head.split("\n")) {
      if (lines++ >= KEY_SAMPLE_LINES) {
        break;
      }
      try {
        JsonNode node = mapper.readTree(line);
        if (node != null && node.isObject()) {
          node.fieldNames().forEachRemaining(keys::add);
        }
      } catch (JsonProcessingException e) {
        // A broken line says nothing about the columns; it is quarantined when the records are read.
      }
    }
    if (keys.isEmpty()) {
      throw new UsageException("Cannot infer columns of " + file.getPath() + ": its first lines hold no JSON objects");
    }
    return new ArrayList<>(keys);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public JavaRDD<RawRecord> records() {
    List<String> names = columns;
    ObjectMapper mapper = new ObjectMapper();
    TextLineSource.LineHandler handler = (file, offset, line, text) -> {
      JsonNode node;
      try {
        node = mapper.readTree(text);
      } catch (JsonProcessingException e) {
        return RawRecord.malformed(file, offset, line, text, QuarantineReason.MALFORMED_LINE,
            "not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        return RawRecord.malformed(file, offset, line, text, QuarantineReason.MALFORMED_LINE, "not a JSON object");
      }
      String[] fields = new String[names.size()];
      for (int i = 0; i < fields.length; i++) {
        JsonNode value = node.get(names.get(i));
        if (value == null || value.isNull()) {
          continue;
        }
        if (value.isContainerNode()) {
          return RawRecord.malformed(file, offset, line, text, QuarantineReason.BAD_TYPE,
              "column '" + names.get(i) + "': nested JSON value where a scalar is expected");
        }
        fields[i] = value.asText();
      }
      Iterator<String> present = node.fieldNames();
      while (present.hasNext()) {
        String key = present.next();
        if (!names.contains(key)) {
          return RawRecord.malformed(file, offset, line, text, QuarantineReason.WRONG_FIELD_COUNT,
              "unexpected field '" + key + "'");
        }
      }
      return RawRecord.of(file, offset, line, text, fields);
    };
    return TextLineSource.read(context, TextLineSource.joinPaths(paths), encoding, false, handler);
  }
}
