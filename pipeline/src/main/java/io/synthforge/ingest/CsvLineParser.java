package io.synthforge.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180 quoting, doubled quotes inside quoted fields) and reports
 * broken quoting instead of repairing it.
 *
 * <p>Why our own: Spark's CSV reader (univocity) silently repairs a stray or unterminated quote and cannot
 * tell us which raw line broke, and the quarantine must keep the raw line with a precise reason. A record that
 * spans lines (a quoted newline) is reported as an unterminated quote; such inputs need JSON or Parquet.
 */
public final class CsvLineParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private final char delimiter;
  private final char quote;
  private final boolean trim;

  public CsvLineParser(char delimiter, char quote, boolean trim) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.trim = trim;
  }

  /** The fields of {@code line}; throws {@link MalformedLineException} on broken quoting. */
  public String[] parse(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int length = line.length();
    while (true) {
      // Skip leading blanks before deciding whether the field is quoted.
      int start = i;
      while (trim && i < length && line.charAt(i) == ' ') {
        i++;
      }
      if (i < length && line.charAt(i) == quote) {
        int quoteAt = i;
        i++;
        field.setLength(0);
        boolean closed = false;
        while (i < length) {
          char c = line.charAt(i);
          if (c == quote) {
            if (i + 1 < length && line.charAt(i + 1) == quote) {
              field.append(quote);
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          field.append(c);
          i++;
        }
        if (!closed) {
          throw new MalformedLineException("unterminated quoted field starting at character " + (quoteAt + 1));
        }
        while (i < length && line.charAt(i) == ' ') {
          i++;
        }
        if (i < length && line.charAt(i) != delimiter) {
          throw new MalformedLineException(
              "unexpected character '" + line.charAt(i) + "' after closing quote at character " + (i + 1));
        }
        fields.add(field.toString());
      } else {
        i = start;
        int end = line.indexOf(delimiter, i);
        if (end < 0) {
          end = length;
        }
        String raw = line.substring(i, end);
        int strayQuote = raw.indexOf(quote);
        if (strayQuote >= 0) {
          throw new MalformedLineException("stray quote inside an unquoted field at character " + (i + strayQuote + 1));
        }
        fields.add(trim ? raw.trim() : raw);
        i = end;
      }
      if (i >= length) {
        break;
      }
      i++; // the delimiter
      if (i == length) {
        fields.add("");
        break;
      }
    }
    return fields.toArray(new String[0]);
  }

  /** A line whose quoting is broken; the message is the quarantine reason. */
  public static final class MalformedLineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedLineException(String message) {
      super(message);
    }
  }
}
