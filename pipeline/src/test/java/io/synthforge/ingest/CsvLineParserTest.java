package io.synthforge.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvLineParserTest {
  private final CsvLineParser parser = new CsvLineParser(',', '"', true);

  @Test
  void splitsPlainAndQuotedFields() {
    assertArrayEquals(new String[] {"a", "b, c", "d"}, parser.parse("a,\"b, c\",d"));
  }

  @Test
  void readsDoubledQuotesInsideQuotedFields() {
    assertArrayEquals(new String[] {"say \"hi\"", "x"}, parser.parse("\"say \"\"hi\"\"\",x"));
  }

  @Test
  void keepsEmptyFieldsIncludingATrailingOne() {
    assertArrayEquals(new String[] {"a", "", "c", ""}, parser.parse("a,,c,"));
  }

  @Test
  void trimsBlanksAroundUnquotedFieldsOnlyWhenAsked() {
    assertArrayEquals(new String[] {"39", "State-gov"}, parser.parse("39, State-gov"));
    assertArrayEquals(new String[] {"39", " State-gov"}, new CsvLineParser(',', '"', false).parse("39, State-gov"));
  }

  @Test
  void reportsAnUnterminatedQuote() {
    CsvLineParser.MalformedLineException error =
        assertThrows(CsvLineParser.MalformedLineException.class, () -> parser.parse("a,\"b,c"));
    assertEquals("unterminated quoted field starting at character 3", error.getMessage());
  }

  @Test
  void reportsTextAfterAClosingQuote() {
    CsvLineParser.MalformedLineException error =
        assertThrows(CsvLineParser.MalformedLineException.class, () -> parser.parse("\"b\"x,c"));
    assertEquals("unexpected character 'x' after closing quote at character 4", error.getMessage());
  }

  @Test
  void reportsAStrayQuoteInAnUnquotedField() {
    CsvLineParser.MalformedLineException error =
        assertThrows(CsvLineParser.MalformedLineException.class, () -> parser.parse("a,b\"c,d"));
    assertEquals("stray quote inside an unquoted field at character 4", error.getMessage());
  }

  @Test
  void honoursOtherDelimiters() {
    assertArrayEquals(new String[] {"a", "b"}, new CsvLineParser('\t', '"', true).parse("a\tb"));
  }
}
