package io.synthforge.io;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows held as {@code Object[]} in table column order (the values {@code TableTransformer.decodeInto} makes:
 * {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code LocalDate}
 * or {@code java.sql.Date}, {@code Instant} or {@code java.sql.Timestamp}; {@code null} for a missing value) into
 * Parquet records of {@link ParquetSchemas#of}, without Spark's row conversion.
 *
 * <p>Categorical columns repeat a few strings, so each column keeps the UTF-8 {@link Binary} of the last string
 * seen in each of {@link #CACHED_STRINGS} slots (by the string's own cached hash; an identity map's
 * System.identityHashCode was slow here) instead of encoding every value again.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
  /** Slots of each string column's cache (a power of two). */
  static final int CACHED_STRINGS = 1_024;
  private static final int STRING = 0;
  private static final int BOOLEAN = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int FLOAT = 4;
  private static final int DOUBLE = 5;
  private static final int DATE = 6;
  private static final int TIMESTAMP = 7;

  private final MessageType schema;
  private final Map<String, String> metadata;
  private final String[] names;
  private final int[] kinds;
  private final Encoded[][] strings;
  private RecordConsumer consumer;

  /** Writes {@code table}'s rows; {@code metadata} goes into each file's footer. */
  RowWriteSupport(TableMetadata table, Map<String, String> metadata) {
    this.schema = ParquetSchemas.of(table);
    this.metadata = Map.copyOf(metadata);
    List<ColumnSpec> columns = table.columns();
    this.names = new String[columns.size()];
    this.kinds = new int[columns.size()];
    this.strings = new Encoded[columns.size()][];
    for (int i = 0; i < columns.size(); i++) {
      names[i] = columns.get(i).name();
      kinds[i] = kind(columns.get(i));
      strings[i] = kinds[i] == STRING ? new Encoded[CACHED_STRINGS] : null;
    }
  }

  private static int kind(ColumnSpec column) {
    switch (column.type()) {
      case STRING:
        return STRING;
      case BOOLEAN:
        return BOOLEAN;
      case INT:
        return INT;
      case LONG:
        return LONG;
      case FLOAT:
        return FLOAT;
      case DOUBLE:
        return DOUBLE;
      case DATE:
        return DATE;
      case TIMESTAMP:
        return TIMESTAMP;
      default:
        throw new IllegalArgumentException("Unknown column type " + column.type());
    }
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    consumer.startMessage();
    for (int i = 0; i < kinds.length; i++) {
      Object value = row[i];
      if (value == null) {
        continue;
      }
      consumer.startField(names[i], i);
      switch (kinds[i]) {
        case STRING:
          consumer.addBinary(binary(i, (String) value));
          break;
        case BOOLEAN:
          consumer.addBoolean((Boolean) value);
          break;
        case INT:
          consumer.addInteger(((Number) value).intValue());
          break;
        case LONG:
          consumer.addLong(((Number) value).longValue());
          break;
        case FLOAT:
          consumer.addFloat(((Number) value).floatValue());
          break;
        case DOUBLE:
          consumer.addDouble(((Number) value).doubleValue());
          break;
        case DATE:
          consumer.addInteger(epochDay(value));
          break;
        default:
          consumer.addLong(epochMicros(value));
          break;
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  private Binary binary(int column, String value) {
    Encoded[] cache = strings[column];
    int at = value.hashCode() & (CACHED_STRINGS - 1);
    Encoded hit = cache[at];
    if (hit != null && (hit.text == value || hit.text.equals(value))) {
      return hit.binary;
    }
    Binary binary = Binary.fromString(value);
    cache[at] = new Encoded(value, binary);
    return binary;
  }

  /** A string and its UTF-8 bytes. */
  private static final class Encoded {
    private final String text;
    private final Binary binary;

    Encoded(String text, Binary binary) {
      this.text = text;
      this.binary = binary;
    }
  }

  private static int epochDay(Object value) {
    LocalDate date = value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate() : (LocalDate) value;
    return Math.toIntExact(date.toEpochDay());
  }

  private static long epochMicros(Object value) {
    Instant instant = value instanceof java.sql.Timestamp ? ((java.sql.Timestamp) value).toInstant() : (Instant) value;
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }
}
