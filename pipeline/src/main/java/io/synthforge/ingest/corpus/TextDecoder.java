package io.synthforge.ingest.corpus;

import io.synthforge.ingest.QuarantineReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents of UTF-8 text files, cut by a {@link TextSplit}, each in Unicode NFC with its lines stripped of
 * trailing blanks, and tokenised into lower-case words and numbers. The file is cut on its bytes before decoding,
 * so a document holding bytes that are not UTF-8 is quarantined alone (with its byte offset and line) and its
 * neighbours are kept. Blank documents are not records.
 */
public final class TextDecoder implements CorpusDecoder {
  private static final long serialVersionUID = 1L;
  /** Letters and digits, with an inner apostrophe kept (don't, l'eau). */
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*");

  private final TextSplit split;

  public TextDecoder(TextSplit split) {
    this.split = split;
  }

  @Override
  public String recordSchemaResource() {
    return "schemas/corpora/text_record.avsc";
  }

  @Override
  public Iterator<CorpusItem> decode(CorpusInput input, Opener opener) throws IOException {
    byte[] bytes = opener.readAll(input.uri());
    List<CorpusItem> items = new ArrayList<>();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    // The lines of the current document: [start, end) byte ranges without the line break.
    List<int[]> lines = new ArrayList<>();
    int documentLine = 0;
    int lineNumber = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      lineNumber++;
      boolean separator = isSeparator(bytes, start, contentEnd);
      if (separator) {
        flush(input, bytes, lines, documentLine, decoder, items);
      } else {
        if (lines.isEmpty()) {
          documentLine = lineNumber;
        }
        lines.add(new int[] {start, contentEnd});
        if (split == TextSplit.LINE) {
          flush(input, bytes, lines, documentLine, decoder, items);
        }
      }
      start = end + 1;
    }
    flush(input, bytes, lines, documentLine, decoder, items);
    return items.iterator();
  }

  private boolean isSeparator(byte[] bytes, int start, int end) {
    switch (split) {
      case PARAGRAPH:
      case LINE:
        return isBlank(bytes, start, end);
      case PERCENT:
        return end - start == 1 && bytes[start] == '%';
      default:
        return false;
    }
  }

  private static boolean isBlank(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Turns the collected lines into one item (unless they are blank) and clears them. */
  private static void flush(CorpusInput input, byte[] bytes, List<int[]> lines, int firstLine, CharsetDecoder decoder,
      List<CorpusItem> items) {
    if (lines.isEmpty()) {
      return;
    }
    long offset = lines.get(0)[0];
    int from = lines.get(0)[0];
    int to = lines.get(lines.size() - 1)[1];
    lines.clear();
    String text;
    try {
      text = decoder.reset().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      items.add(CorpusItem.quarantined(items.size(), offset, (long) firstLine,
          new String(bytes, from, to - from, StandardCharsets.UTF_8), QuarantineReason.BAD_ENCODING,
          "Cannot decode the document at line " + firstLine + " of " + input.fileName() + " as UTF-8: " + e.getMessage()));
      return;
    }
    String normalised = normalise(text);
    if (normalised.isEmpty()) {
      return;
    }
    List<String> tokens = tokens(normalised);
    items.add(CorpusItem.accepted(items.size(), offset, (long) firstLine, new Object[] {input.uri(), (long) items.size(),
        offset, (long) firstLine, input.label(), normalised, tokens.toArray(new String[0]),
        normalised.codePointCount(0, normalised.length())}));
  }

  /** NFC, each line without trailing blanks (and a final line break's carriage return), no leading or trailing blank lines. */
  static String normalise(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    for (String line : nfc.split("\r?\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString().strip();
  }

  /** Lower-case words and numbers of {@code text}, in order. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      tokens.add(matcher.group().toLowerCase(Locale.ROOT));
    }
    return tokens;
  }
}
