package io.synthforge.io;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes and reads large {@code float[]}/{@code double[]} inside Java serialization as raw little-endian bytes.
 *
 * <p>Why: {@code ObjectOutputStream} writes a primitive array one element at a time (a byte swap and a bounds
 * check per value). A training round ships millions of model values to the workers and back, and that
 * element-wise path cost more per round than Spark's scheduling; a bulk copy through a {@link ByteBuffer} view
 * runs at memory speed. Little-endian, so the bytes are the same on every JVM.
 */
public final class BulkArrays {
  private static final int CHUNK_BYTES = 1 << 16;

  private BulkArrays() {}

  /** Writes {@code values} (may be null). */
  public static void writeFloats(ObjectOutputStream out, float[] values) throws IOException {
    write(out, values == null ? -1 : values.length, Float.BYTES,
        (bytes, offset, count) -> bytes.asFloatBuffer().put(values, offset, count));
  }

  /** Reads what {@link #writeFloats} wrote. */
  public static float[] readFloats(ObjectInputStream in) throws IOException {
    int length = length(in);
    if (length < 0) {
      return null;
    }
    float[] values = new float[length];
    read(in, length, Float.BYTES, (bytes, offset, count) -> bytes.asFloatBuffer().get(values, offset, count));
    return values;
  }

  /** Writes {@code values} (may be null). */
  public static void writeDoubles(ObjectOutputStream out, double[] values) throws IOException {
    write(out, values == null ? -1 : values.length, Double.BYTES,
        (bytes, offset, count) -> bytes.asDoubleBuffer().put(values, offset, count));
  }

  /** Reads what {@link #writeDoubles} wrote. */
  public static double[] readDoubles(ObjectInputStream in) throws IOException {
    int length = length(in);
    if (length < 0) {
      return null;
    }
    double[] values = new double[length];
    read(in, length, Double.BYTES, (bytes, offset, count) -> bytes.asDoubleBuffer().get(values, offset, count));
    return values;
  }

  /** Moves {@code count} elements from {@code offset} between an array and {@code bytes}'s view of them. */
  private interface Transfer {
    void apply(ByteBuffer bytes, int offset, int count);
  }

  private static void write(ObjectOutputStream out, int length, int elementBytes, Transfer fill) throws IOException {
    out.writeInt(length);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < length; ) {
      int count = Math.min(length - offset, CHUNK_BYTES / elementBytes);
      chunk.clear();
      fill.apply(chunk, offset, count);
      out.write(chunk.array(), 0, count * elementBytes);
      offset += count;
    }
  }

  private static void read(ObjectInputStream in, int length, int elementBytes, Transfer drain) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < length; ) {
      int count = Math.min(length - offset, CHUNK_BYTES / elementBytes);
      in.readFully(chunk.array(), 0, count * elementBytes);
      chunk.clear();
      drain.apply(chunk, offset, count);
      offset += count;
    }
  }

  private static int length(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    if (length < -1) {
      throw new StreamCorruptedException("Negative array length " + length);
    }
    return length;
  }
}
