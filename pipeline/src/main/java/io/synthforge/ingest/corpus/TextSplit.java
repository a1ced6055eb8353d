package io.synthforge.ingest.corpus;

import io.synthforge.api.UsageException;
import java.util.Locale;

/** How a text file is cut into documents. */
public enum TextSplit {
  /** The whole file is one document. */
  FILE,
  /** Every non-blank line is a document. */
  LINE,
  /** Documents are separated by blank lines. */
  PARAGRAPH,
  /** Documents are separated by lines holding only {@code %} (the fortune-file format). */
  PERCENT;

  /** The split named {@code text} (case-insensitive). */
  public static TextSplit parse(String text) {
    for (TextSplit split : values()) {
      if (split.name().equalsIgnoreCase(text.trim())) {
        return split;
      }
    }
    throw new UsageException("Cannot split text by '" + text + "': expected one of file, line, paragraph, percent");
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
