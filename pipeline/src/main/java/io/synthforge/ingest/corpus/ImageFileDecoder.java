package io.synthforge.ingest.corpus;

import io.synthforge.ingest.QuarantineReason;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One image per file, in any format the JDK's ImageIO reads (PNG, JPEG, GIF, BMP), as grey or RGB pixels in
 * [0, 1]; with a target size, scaled (bilinear) so that every record of the corpus has the same shape, which a
 * model needs. A file ImageIO cannot read is one quarantined item.
 */
public final class ImageFileDecoder implements CorpusDecoder {
  private static final long serialVersionUID = 1L;

  private final int width;
  private final int height;

  /** A decoder scaling every image to {@code width x height}, or keeping each image's size when both are 0. */
  public ImageFileDecoder(int width, int height) {
    if ((width == 0) != (height == 0) || width < 0 || height < 0) {
      throw new IllegalArgumentException("Cannot scale images to " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  @Override
  public String recordSchemaResource() {
    return "schemas/corpora/image_record.avsc";
  }

  @Override
  public Iterator<CorpusItem> decode(CorpusInput input, Opener opener) throws IOException {
    byte[] bytes = opener.readAll(input.uri());
    BufferedImage image;
    String failure = null;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        failure = "no image reader recognises its content";
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO reports corrupt data as IIOException and, for some truncated files, as runtime exceptions.
      image = null;
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (image == null) {
      return List.of(CorpusItem.quarantined(0, 0, null, CorpusItem.hexPrefix(bytes, 32), QuarantineReason.UNDECODABLE,
          "Cannot decode " + input.fileName() + " as an image: " + failure)).iterator();
    }
    BufferedImage scaled = width == 0 ? image : scale(image, width, height);
    boolean grey = image.getColorModel().getNumColorComponents() == 1;
    return List.of(CorpusItem.accepted(0, 0, null, new Object[] {input.uri(), 0L, input.label(), scaled.getWidth(),
        scaled.getHeight(), grey ? 1 : 3, pixels(scaled, grey)})).iterator();
  }

  /** Row-major pixels in [0, 1], one value per pixel (grey) or three interleaved (RGB). */
  static float[] pixels(BufferedImage image, boolean grey) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] values = new float[w * h * (grey ? 1 : 3)];
    int i = 0;
    if (grey) {
      // The raster's band, not getRGB: getRGB converts grey through the sRGB curve and changes the values.
      java.awt.image.Raster raster = image.getRaster();
      double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          values[i++] = (float) (raster.getSample(x, y, 0) / max);
        }
      }
      return values;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        values[i++] = ((rgb >> 16) & 0xff) / 255f;
        values[i++] = ((rgb >> 8) & 0xff) / 255f;
        values[i++] = (rgb & 0xff) / 255f;
      }
    }
    return values;
  }

  private static BufferedImage scale(BufferedImage image, int width, int height) {
    boolean grey = image.getColorModel().getNumColorComponents() == 1;
    BufferedImage scaled = new BufferedImage(width, height, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }
}
