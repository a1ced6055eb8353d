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
    out.writeInt(values == null ? -1 : values.length);
    if (values == null) {
      return;
    }
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < values.length; ) {
      int count = Math.min(values.length - offset, CHUNK_BYTES / Float.BYTES);
      chunk.clear();
      chunk.asFloatBuffer().put(values, offset, count);
      out.write(chunk.array(), 0, count * Float.BYTES);
      offset += count;
    }
  }

  /** Reads what {@link #writeFloats} wrote. */
  public static float[] readFloats(ObjectInputStream in) throws IOException {
    int length = length(in);
    if (length < 0) {
      return null;
    }
    float[] values = new float[length];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < length; ) {
      int count = Math.min(length - offset, CHUNK_BYTES / Float.BYTES);
      in.readFully(chunk.array(), 0, count * Float.BYTES);
      chunk.clear();
      chunk.asFloatBuffer().get(values, offset, count);
      offset += count;
    }
    return values;
  }

  /** Writes {@code values} (may be null). */
  public static void writeDoubles(ObjectOutputStream out, double[] values) throws IOException {
    out.writeInt(values == null ? -1 : values.length);
    if (values == null) {
      return;
    }
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < values.length; ) {
      int count = Math.min(values.length - offset, CHUNK_BYTES / Double.BYTES);
      chunk.clear();
      chunk.asDoubleBuffer().put(values, offset, count);
      out.write(chunk.array(), 0, count * Double.BYTES);
      offset += count;
    }
  }

  /** Reads what {@link #writeDoubles} wrote. */
  public static double[] readDoubles(ObjectInputStream in) throws IOException {
    int length = length(in);
    if (length < 0) {
      return null;
    }
    double[] values = new double[length];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset < length; ) {
      int count = Math.min(length - offset, CHUNK_BYTES / Double.BYTES);
      in.readFully(chunk.array(), 0, count * Double.BYTES);
      chunk.clear();
      chunk.asDoubleBuffer().get(values, offset, count);
      offset += count;
    }
    return values;
  }

  private static int length(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    if (length < -1) {
      throw new StreamCorruptedException("Negative array length " + length);
    }
    return length;
  }
}
