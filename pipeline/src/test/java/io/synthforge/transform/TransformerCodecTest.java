package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerCodecTest {
  private static Object[][] rows;
  private static TableTransformer transformer;

  @BeforeAll
  static void fit() {
    TableMetadata metadata = TransformFixtures.metadata();
    rows = TransformFixtures.rows();
    transformer = TableTransformer.fit(metadata, TransformFixtures.profiles(metadata, rows),
        TransformOptions.builder().foldRareBelow(0.01).build(), 7L);
  }

  @Test
  void jsonRoundTripGivesAnEqualTransformerAndIdenticalEncodings() {
    String json = TransformerCodec.toJson(transformer);
    TableTransformer loaded = TransformerCodec.fromJson(json);

    assertEquals(transformer, loaded);
    assertEquals(transformer.layout(), loaded.layout());
    assertEquals(json, TransformerCodec.toJson(loaded));
    for (Object[] row : rows) {
      float[] features = transformer.encode(row);
      assertArrayEquals(features, loaded.encode(row));
      assertArrayEquals(transformer.decode(features), loaded.decode(features));
    }
  }

  @Test
  void roundTripsAnAllNullColumnWithoutBounds() {
    TableMetadata metadata = TableMetadata.of("empty", List.of(
        ColumnSpec.builder("gain", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).nullable(true).build()));
    TableTransformer allNull = TableTransformer.fit(metadata,
        Map.of("gain", ColumnProfile.numeric("gain", 3, 3, Double.NaN, Double.NaN, new double[0])),
        TransformOptions.defaults(), 1L);

    assertEquals(allNull, TransformerCodec.fromJson(TransformerCodec.toJson(allNull)));
  }

  @Test
  void keepsALogScaleAndReadsOlderDocumentsAsLinear() {
    TableMetadata metadata = TableMetadata.of("amounts", List.of(
        ColumnSpec.builder("amount", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build()));
    double[] sample = new double[400];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = Math.pow(1.05, i);
    }
    TableTransformer amounts = TableTransformer.fit(metadata,
        Map.of("amount", ColumnProfile.numeric("amount", 400, 0, 1.0, sample[399], sample)),
        TransformOptions.defaults(), 1L);
    String json = TransformerCodec.toJson(amounts);
    String older = json.replace("\"scale\" : \"log\"", "\"scale\" : \"linear\"")
        .replaceAll(",\\s*\"scale\" : \"linear\"", "")
        .replaceAll(",\\s*\"logScaleRatio\" : [0-9.]+", "");

    assertTrue(json.contains("\"scale\" : \"log\""), json);
    assertEquals(amounts, TransformerCodec.fromJson(json));
    assertTrue(!older.contains("scale"), older);
    TableTransformer loadedOlder = TransformerCodec.fromJson(older);
    assertEquals(0.0, loadedOlder.options().logScaleRatio());
    assertTrue(!((ContinuousTransform) loadedOlder.transforms().get(0)).isLogScale());
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    String json = TransformerCodec.toJson(transformer).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

    TransformerFormatException e = assertThrows(TransformerFormatException.class, () -> TransformerCodec.fromJson(json));
    assertEquals("Cannot load transformer: format version 2 is not supported (expected 1)", e.getMessage());
  }

  @Test
  void rejectsAMissingField() {
    TransformerFormatException e =
        assertThrows(TransformerFormatException.class, () -> TransformerCodec.fromJson("{\"formatVersion\": 1}"));
    assertEquals("Cannot load transformer: the document has no field 'table'", e.getMessage());
  }

  @Test
  void rejectsMalformedJson() {
    TransformerFormatException e =
        assertThrows(TransformerFormatException.class, () -> TransformerCodec.fromJson("{not json"));
    assertEquals("Cannot load transformer: not valid JSON", e.getMessage().substring(0, 39));
  }
}
