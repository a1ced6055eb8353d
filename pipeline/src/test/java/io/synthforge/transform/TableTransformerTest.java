package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.TableMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TableTransformerTest {
  private static TableMetadata metadata;
  private static Object[][] rows;
  private static TableTransformer transformer;

  @BeforeAll
  static void fit() {
    metadata = TransformFixtures.metadata();
    rows = TransformFixtures.rows();
    transformer = TableTransformer.fit(
        metadata, TransformFixtures.profiles(metadata, rows), TransformOptions.defaults(), 42L);
  }

  @Test
  void layoutCoversLearnedColumnsContiguously() {
    OutputLayout layout = transformer.layout();

    assertEquals(List.of("gain", "hours", "city", "born", "code", "fraud"), layout.columns());
    int offset = 0;
    for (Span span : layout.spans()) {
      assertEquals(offset, span.offset());
      assertEquals(span.isOneHot() ? span.labels().size() : 1, span.width());
      offset = span.end();
    }
    assertEquals(offset, layout.width());
    for (ColumnTransform transform : transformer.transforms()) {
      int width = layout.spansOf(transform.column()).stream().mapToInt(Span::width).sum();
      assertEquals(transform.width(), width, transform.column());
    }
    assertTrue(layout.spansOf("id").isEmpty());
  }

  @Test
  void onlyCategoricalAndLabelSpansAreConditionable() {
    OutputLayout layout = transformer.layout();

    assertEquals(List.of("city", "code", "fraud"),
        layout.conditionableSpans().stream().map(Span::column).toList());
    assertEquals(6, layout.discreteSpans().size(), "three mode indicators and three categorical spans");
    assertFalse(layout.spansOf("gain").get(1).isConditionable());
    assertEquals(Span.Kind.SCALAR, layout.spansOf("gain").get(0).kind());
  }

  @Test
  void gainColumnHasZeroSpikeNullModeAndTwoGaussians() {
    ContinuousTransform gain = (ContinuousTransform) transformer.transform("gain");

    assertArrayEquals(new double[] {0.0}, gain.spikes());
    assertTrue(gain.hasNullMode());
    assertEquals(2, gain.mixture().size(), gain.toString());
    assertEquals(2, gain.decimals());
  }

  @Test
  void rowsRoundTripWithIdentifiersDecodedAsNull() {
    for (Object[] row : rows) {
      Object[] decoded = transformer.decode(transformer.encode(row));
      assertNull(decoded[0]);
      for (int c = 1; c < row.length; c++) {
        assertEquals(row[c], decoded[c], metadata.columns().get(c).name());
      }
    }
  }

  @Test
  void batchDecodingMatchesRowDecoding() {
    Object[][] some = {rows[0], rows[1], rows[2]};
    float[] flat = transformer.encodeRows(some);
    Object[][] decoded = transformer.decodeRows(flat, 3);
    float[][] nested = {transformer.encode(rows[0]), transformer.encode(rows[1]), transformer.encode(rows[2])};

    assertEquals(3 * transformer.layout().width(), flat.length);
    for (int r = 0; r < 3; r++) {
      assertArrayEquals(transformer.decode(nested[r]), decoded[r]);
      assertArrayEquals(decoded[r], transformer.decodeRows(nested)[r]);
    }
  }

  @Test
  void fittingIsDeterministic() {
    TableTransformer again = TableTransformer.fit(
        metadata, TransformFixtures.profiles(metadata, rows), TransformOptions.defaults(), 42L);

    assertEquals(transformer, again);
  }

  @Test
  void rejectsARowOfTheWrongLength() {
    TransformException e = assertThrows(TransformException.class, () -> transformer.encode(new Object[3]));
    assertEquals("Cannot encode row of table 'people': expected 7 values, found 3", e.getMessage());
  }

  @Test
  void rejectsAMissingProfile() {
    Map<String, ColumnProfile> profiles = TransformFixtures.profiles(metadata, rows);
    profiles.remove("born");

    TransformException e = assertThrows(TransformException.class,
        () -> TableTransformer.fit(metadata, profiles, TransformOptions.defaults(), 1L));
    assertEquals("Cannot fit transformer for table 'people': no profile for column 'born'", e.getMessage());
  }
}
