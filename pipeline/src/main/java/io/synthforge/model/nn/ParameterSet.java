package io.synthforge.model.nn;

import java.util.Arrays;

/**
 * All parameters of one network in one flat array, so that a snapshot or a restore is a single copy: first the
 * trainable ones (which have gradients and optimiser state), then the buffers (batch-norm running statistics,
 * which are averaged across workers like parameters but never stepped). Layers reserve their slices while the
 * network is built, then {@link #allocate()} creates the arrays.
 */
public final class ParameterSet {
  private int trainable;
  private int buffers;
  private float[] values;
  private float[] gradients;

  /** Reserves {@code size} trainable values; returns their offset in {@link #values()}. */
  public int reserveTrainable(int size) {
    checkOpen();
    int offset = trainable;
    trainable += size;
    return offset;
  }

  /** Reserves {@code size} buffer values; returns a handle to resolve with {@link #bufferOffset(int)}. */
  public int reserveBuffer(int size) {
    checkOpen();
    int handle = buffers;
    buffers += size;
    return handle;
  }

  /** The offset in {@link #values()} of the buffer reserved as {@code handle}. */
  public int bufferOffset(int handle) {
    return trainable + handle;
  }

  /** Creates the value and gradient arrays; no reservation is possible afterwards. */
  public ParameterSet allocate() {
    checkOpen();
    values = new float[trainable + buffers];
    gradients = new float[trainable];
    return this;
  }

  private void checkOpen() {
    if (values != null) {
      throw new IllegalStateException("Cannot reserve parameters: the set is already allocated");
    }
  }

  /** Every value, trainable ones first; layers read and write their slices in place. */
  public float[] values() {
    return values;
  }

  /** The gradients of the trainable values. */
  public float[] gradients() {
    return gradients;
  }

  /** The number of values (trainable and buffers). */
  public int size() {
    return values.length;
  }

  /** The number of trainable values. */
  public int trainableSize() {
    return trainable;
  }

  /** Sets every gradient to zero. */
  public void zeroGradients() {
    Arrays.fill(gradients, 0f);
  }

  /** Copies every value into {@code target} at {@code offset}. */
  public void copyTo(float[] target, int offset) {
    System.arraycopy(values, 0, target, offset, values.length);
  }

  /** Replaces every value with {@code source[offset, offset + size())}. */
  public void copyFrom(float[] source, int offset) {
    System.arraycopy(source, offset, values, 0, values.length);
  }
}
