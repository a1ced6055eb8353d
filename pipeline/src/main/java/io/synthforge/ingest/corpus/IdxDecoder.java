package io.synthforge.ingest.corpus;

import io.synthforge.ingest.QuarantineReason;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Images in IDX files (MNIST, Fashion-MNIST: {@code *-images-idx3-ubyte[.gz]}), with their labels from the
 * companion {@code *-labels-idx1-ubyte[.gz]} when there is one. Read lazily, one image at a time. Offsets are
 * positions in the decompressed IDX data. A file that is not an IDX file of unsigned bytes is one quarantined item;
 * a truncated file yields its whole images and one quarantined item for the incomplete one; an image beyond the
 * last label is quarantined.
 */
public final class IdxDecoder implements CorpusDecoder {
  private static final long serialVersionUID = 1L;
  /** IDX magic: two zero bytes, 0x08 (unsigned byte), the number of dimensions. */
  private static final int IMAGES_MAGIC = 0x0803;
  private static final int LABELS_MAGIC = 0x0801;
  private static final int HEADER_BYTES = 16;

  @Override
  public String recordSchemaResource() {
    return "schemas/corpora/image_record.avsc";
  }

  @Override
  public Iterator<CorpusItem> decode(CorpusInput input, Opener opener) throws IOException {
    byte[] labels = input.companion() == null ? null : readLabels(opener, input.companion());
    DataInputStream in = new DataInputStream(new BufferedInputStream(decompressed(opener.open(input.uri())), 1 << 16));
    byte[] header = new byte[HEADER_BYTES];
    int got = in.readNBytes(header, 0, HEADER_BYTES);
    int magic = got >= 4 ? readInt(header, 0) : -1;
    if (got < HEADER_BYTES || magic != IMAGES_MAGIC) {
      in.close();
      String why = got < HEADER_BYTES ? "it is shorter than an IDX header (" + got + " bytes)"
          : String.format("its magic number is 0x%08x, not 0x%08x (unsigned-byte images of 3 dimensions)", magic, IMAGES_MAGIC);
      return java.util.List.of(CorpusItem.quarantined(0, 0, null, CorpusItem.hexPrefix(java.util.Arrays.copyOf(header, got), 32),
          QuarantineReason.UNDECODABLE, "Cannot read " + input.fileName() + " as IDX images: " + why)).iterator();
    }
    int count = readInt(header, 4);
    int rows = readInt(header, 8);
    int cols = readInt(header, 12);
    String label = input.label();
    return new Iterator<>() {
      private int next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (!done && next >= count) {
          done = true;
          closeQuietly(in);
        }
        return !done;
      }

      @Override
      public CorpusItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int index = next++;
        long offset = HEADER_BYTES + (long) index * rows * cols;
        byte[] pixels = new byte[rows * cols];
        try {
          in.readFully(pixels);
        } catch (EOFException e) {
          done = true;
          closeQuietly(in);
          return CorpusItem.quarantined(index, offset, null, "", QuarantineReason.UNDECODABLE,
              "Cannot read image " + index + " of " + input.fileName() + ": the file ends inside it (the header promises "
                  + count + " images of " + rows + "x" + cols + ")");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("Cannot read " + input.uri() + ": " + e.getMessage(), e);
        }
        if (labels != null && index >= labels.length) {
          return CorpusItem.quarantined(index, offset, null, CorpusItem.hexPrefix(pixels, 32), QuarantineReason.UNDECODABLE,
              "Cannot label image " + index + " of " + input.fileName() + ": " + input.companion() + " holds only "
                  + labels.length + " labels");
        }
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
          values[i] = (pixels[i] & 0xff) / 255f;
        }
        String itemLabel = labels != null ? Integer.toString(labels[index] & 0xff) : label;
        return CorpusItem.accepted(index, offset, null,
            new Object[] {input.uri(), (long) index, itemLabel, cols, rows, 1, values});
      }
    };
  }

  private static byte[] readLabels(Opener opener, String uri) throws IOException {
    try (InputStream in = decompressed(opener.open(uri))) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length < 8 || readInt(bytes, 0) != LABELS_MAGIC) {
        throw new IOException("Cannot read labels " + uri + ": not an IDX file of unsigned-byte labels");
      }
      int count = Math.min(readInt(bytes, 4), bytes.length - 8);
      return java.util.Arrays.copyOfRange(bytes, 8, 8 + count);
    }
  }

  /** The stream itself, or its gunzipped content when it starts with the gzip magic. */
  static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Reading is over; a failed close loses nothing.
    }
  }
}
