package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLayoutTest {

  @Test
  void sumsWidthsAndLooksUpSpans() {
    OutputLayout layout = OutputLayout.of(List.of(
        Span.scalar("age", 0),
        Span.oneHot("age", 1, List.of("m0", "m1"), false),
        Span.oneHot("city", 3, List.of("Paris", "Lyon", "Nice"), true)));

    assertEquals(6, layout.width());
    assertEquals(2, layout.spansOf("age").size());
    assertEquals(2, layout.discreteSpans().size());
    assertEquals(List.of(Span.oneHot("city", 3, List.of("Paris", "Lyon", "Nice"), true)),
        layout.conditionableSpans());
    assertEquals(3, layout.conditionWidth());
    assertEquals("tanh", layout.spans().get(0).kind().activation());
  }

  @Test
  void rejectsAGapBetweenSpans() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputLayout.of(List.of(Span.scalar("age", 0), Span.scalar("income", 2))));
    assertEquals("Cannot build output layout: span income[2, 3) tanh starts at 2 but the previous span ends at 1",
        e.getMessage());
  }

  @Test
  void rejectsInvalidOptions() {
    TransformException e =
        assertThrows(TransformException.class, () -> TransformOptions.builder().maxModes(0).build());
    assertEquals("Cannot build transform options: maxModes must be at least 1, got 0", e.getMessage());
  }
}
