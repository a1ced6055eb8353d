package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoricalTransformTest {
  private static final ColumnSpec CITY = ColumnSpec.builder("city", ColumnType.STRING, ColumnRole.CATEGORICAL).build();

  private static Object roundTrip(ColumnTransform transform, Object value) {
    float[] features = new float[transform.width()];
    transform.encode(value, features, 0);
    return transform.decode(features, 0);
  }

  private static CategoricalTransform cities(TransformOptions options) {
    Map<String, Long> counts = Map.of("Lyon", 30L, "Paris", 50L, "Nice", 30L, "Brest", 2L);
    return CategoricalTransform.fit(CITY, ColumnProfile.discrete("city", 120, 8, counts), options);
  }

  @Test
  void ordersByFrequencyThenLabelAndAddsNull() {
    CategoricalTransform transform = cities(TransformOptions.defaults());

    assertEquals(List.of("Paris", "Lyon", "Nice", "Brest", Span.NULL_LABEL), transform.labels());
    assertArrayEquals(new long[] {50, 30, 30, 2, 8}, transform.frequencies());
    assertTrue(transform.spans(3).get(0).isConditionable());
  }

  @Test
  void roundTripIsExactIncludingNull() {
    CategoricalTransform transform = cities(TransformOptions.defaults());

    for (String city : Arrays.asList("Paris", "Lyon", "Nice", "Brest", null)) {
      assertEquals(city, roundTrip(transform, city));
    }
  }

  @Test
  void numericAndBooleanCategoriesComeBackTyped() {
    ColumnSpec code = ColumnSpec.builder("code", ColumnType.LONG, ColumnRole.CATEGORICAL).build();
    ColumnSpec flag = ColumnSpec.builder("flag", ColumnType.BOOLEAN, ColumnRole.LABEL).build();
    CategoricalTransform codes = CategoricalTransform.fit(
        code, ColumnProfile.discrete("code", 3, 0, Map.of("7", 2L, "9", 1L)), TransformOptions.defaults());
    CategoricalTransform flags = CategoricalTransform.fit(
        flag, ColumnProfile.discrete("flag", 3, 0, Map.of("true", 1L, "false", 2L)), TransformOptions.defaults());

    assertEquals(9L, roundTrip(codes, 9L));
    assertEquals(9L, roundTrip(codes, 9), "an Integer is accepted in a LONG column and comes back a Long");
    assertEquals(Boolean.TRUE, roundTrip(flags, true));
    assertEquals(Boolean.FALSE, roundTrip(flags, false));
  }

  @Test
  void foldsRareCategoriesWhenAsked() {
    CategoricalTransform transform = cities(TransformOptions.builder().foldRareBelow(0.05).build());

    assertEquals(List.of("Paris", "Lyon", "Nice", CategoricalTransform.OTHER_LABEL, Span.NULL_LABEL),
        transform.labels());
    assertEquals(List.of("Brest"), transform.folded());
    assertEquals("Brest", roundTrip(transform, "Brest"));
    assertEquals("Brest", roundTrip(transform, "Quimper"), "unseen values fold into other");
  }

  @Test
  void rejectsAnUnseenCategory() {
    CategoricalTransform transform = cities(TransformOptions.defaults());

    TransformException e = assertThrows(TransformException.class, () -> roundTrip(transform, "Quimper"));
    assertEquals("Cannot encode value 'Quimper' in column 'city': the category was not seen when the transformer "
        + "was fitted", e.getMessage());
  }

  @Test
  void rejectsALabelThatIsNotOfTheColumnType() {
    ColumnSpec code = ColumnSpec.builder("code", ColumnType.INT, ColumnRole.CATEGORICAL).build();
    ColumnProfile profile = ColumnProfile.discrete("code", 1, 0, Map.of("x1", 1L));

    TransformException e = assertThrows(TransformException.class,
        () -> CategoricalTransform.fit(code, profile, TransformOptions.defaults()));
    assertEquals("Cannot read category 'x1' of column 'code': it is not a valid INT", e.getMessage());
  }
}
