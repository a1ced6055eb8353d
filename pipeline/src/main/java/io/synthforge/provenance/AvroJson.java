package io.synthforge.provenance;

import io.synthforge.api.SynthforgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro records as pretty JSON (Avro's JSON encoding): typed by the schema, readable by people. */
public final class AvroJson {
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

  /** Reads a record of {@code type} from its JSON encoding; {@code origin} names the source in errors. */
  public static <T extends SpecificRecord> T read(String json, Class<T> type, Schema schema, String origin) {
    try {
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
      return reader.read(null, DecoderFactory.get().jsonDecoder(schema, json));
    } catch (IOException | RuntimeException e) {
      throw new SynthforgeException("Cannot read " + schema.getName() + " from " + origin + ": " + e.getMessage(), e);
    }
  }
}
