package io.synthforge.ingest.corpus;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Small real corpus files written by the JDK's own encoders (PNG, WAV) and by hand (IDX), for the tests. */
public final class CorpusFixtures {
  private CorpusFixtures() {}

  /** An IDX file of {@code count} unsigned-byte images of rows x cols, pixel (i, p) = (i * 31 + p * 7) % 256. */
  public static byte[] idxImages(int count, int rows, int cols) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, 0x0803);
    writeInt(out, count);
    writeInt(out, rows);
    writeInt(out, cols);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * cols; p++) {
        out.write(pixel(i, p));
      }
    }
    return out.toByteArray();
  }

  public static int pixel(int image, int position) {
    return (image * 31 + position * 7) % 256;
  }

  /** An IDX file of labels. */
  public static byte[] idxLabels(int... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, 0x0801);
    writeInt(out, labels.length);
    for (int label : labels) {
      out.write(label);
    }
    return out.toByteArray();
  }

  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** A grey PNG whose pixel (x, y) is {@code (x * 40 + y * 10) % 256}. */
  public static byte[] greyPng(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, (x * 40 + y * 10) % 256);
      }
    }
    return png(image);
  }

  /** An RGB PNG of one colour. */
  public static byte[] rgbPng(int width, int height, int rgb) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return png(image);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }

  /**
   * A 16-bit signed little-endian WAV of {@code seconds} at {@code rate}: a sine of {@code hertz} at amplitude
   * {@code amplitude} on every channel.
   */
  public static byte[] sineWav(int rate, int channels, double hertz, double amplitude, double seconds) throws IOException {
    int frames = (int) Math.round(rate * seconds);
    byte[] pcm = new byte[frames * channels * 2];
    int at = 0;
    for (int f = 0; f < frames; f++) {
      short value = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hertz * f / rate));
      for (int c = 0; c < channels; c++) {
        pcm[at++] = (byte) (value & 0xff);
        pcm[at++] = (byte) ((value >> 8) & 0xff);
      }
    }
    return wav(new AudioFormat(rate, 16, channels, true, false), pcm, frames);
  }

  public static byte[] wav(AudioFormat format, byte[] pcm, int frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  public static Path write(Path path, byte[] bytes) throws IOException {
    Files.createDirectories(path.getParent());
    return Files.write(path, bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write((value >>> 16) & 0xff);
    out.write((value >>> 8) & 0xff);
    out.write(value & 0xff);
  }
}
