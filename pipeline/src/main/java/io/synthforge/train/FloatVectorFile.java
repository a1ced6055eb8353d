package io.synthforge.train;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads the file {@code Nd4j.write} makes of a float vector ({@code Nd4j.createFromArray(float[])}) without starting
 * ND4J, whose start-up (native libraries, backend discovery) was a quarter of a sample job's fixed cost on the
 * driver. The layout, as ND4J 1.0.0-M2 writes it: the shape buffer (allocation mode, length, type {@code LONG}, then
 * {@code [rank, shape.., strides.., extras, element-wise stride, order]}) and the data buffer (allocation mode,
 * length, type {@code FLOAT}, then the big-endian floats).
 */
final class FloatVectorFile {
  private static final String ALLOCATION_MODE = "MIXED_DATA_TYPES";

  private FloatVectorFile() {}

  /** The vector in {@code in}, or null when the file holds anything else (a matrix, another type: ND4J reads it). */
  static float[] read(DataInputStream in) throws IOException {
    if (!in.readUTF().equals(ALLOCATION_MODE)) {
      return null;
    }
    long shapeLength = in.readLong();
    if (!in.readUTF().equals("LONG") || shapeLength < 4 || shapeLength > 64) {
      return null;
    }
    long[] shapeInfo = new long[(int) shapeLength];
    for (int i = 0; i < shapeInfo.length; i++) {
      shapeInfo[i] = in.readLong();
    }
    long rank = shapeInfo[0];
    if (rank < 1 || rank > 2 || shapeLength != 2 * rank + 4 || rank == 2 && shapeInfo[1] != 1 && shapeInfo[2] != 1) {
      return null; // a matrix: its element order depends on its ordering, which ND4J knows
    }
    long elements = 1;
    for (int i = 1; i <= rank; i++) {
      elements *= shapeInfo[i];
    }
    if (!in.readUTF().equals(ALLOCATION_MODE)) {
      return null;
    }
    long length = in.readLong();
    if (!in.readUTF().equals("FLOAT") || length != elements || length > Integer.MAX_VALUE - 8) {
      return null;
    }
    float[] values = new float[(int) length];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return in.read() == -1 ? values : null;
  }
}
