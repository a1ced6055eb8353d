package io.synthforge.ingest.corpus;

import io.synthforge.api.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How corpora of images and texts are cut and shaped (audio takes no option). Immutable. */
public final class CorpusOptions {
  private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");
  private static final CorpusOptions DEFAULTS = new CorpusOptions(TextSplit.FILE, 0, 0);

  private final TextSplit textSplit;
  private final int imageWidth;
  private final int imageHeight;

  private CorpusOptions(TextSplit textSplit, int imageWidth, int imageHeight) {
    this.textSplit = textSplit;
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
  }

  /** Whole files as text documents; images at their own size. */
  public static CorpusOptions defaults() {
    return DEFAULTS;
  }

  /** Options from the command line's texts: {@code --text-split} and {@code --image-size WxH} (null: keep sizes). */
  public static CorpusOptions of(String textSplit, String imageSize) {
    int width = 0;
    int height = 0;
    if (imageSize != null) {
      Matcher matcher = SIZE.matcher(imageSize.trim());
      if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0 || Integer.parseInt(matcher.group(2)) == 0
          || matcher.group(1).length() > 5 || matcher.group(2).length() > 5) {
        throw new UsageException("Cannot use --image-size '" + imageSize + "': expected WIDTHxHEIGHT in pixels, e.g. 28x28");
      }
      width = Integer.parseInt(matcher.group(1));
      height = Integer.parseInt(matcher.group(2));
    }
    return new CorpusOptions(TextSplit.parse(textSplit), width, height);
  }

  public TextSplit textSplit() {
    return textSplit;
  }

  /** The width images are scaled to, 0 to keep each image's own. */
  public int imageWidth() {
    return imageWidth;
  }

  public int imageHeight() {
    return imageHeight;
  }

  /** Provenance entries (and input of the fingerprint). */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("text-split", textSplit.key());
    described.put("image-size", imageWidth == 0 ? "original" : imageWidth + "x" + imageHeight);
    return described;
  }
}
