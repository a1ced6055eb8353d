package io.synthforge.transform;

import io.synthforge.api.ColumnType;
import java.io.Serializable;
import java.util.List;

/**
 * A fitted, reversible transform of one column into a fixed-width slice of the feature vector. Immutable and
 * thread-safe, so one instance is shared by every sampling thread.
 *
 * <p>Values are typed by {@link ColumnType}: STRING as {@link String}, BOOLEAN as {@link Boolean}, INT as
 * {@link Integer}, LONG as {@link Long}, FLOAT as {@link Float}, DOUBLE as {@link Double}, DATE as
 * {@link java.time.LocalDate} and TIMESTAMP as {@link java.time.Instant}; {@code null} is a missing value.
 */
public sealed interface ColumnTransform extends Serializable permits ContinuousTransform, CategoricalTransform {

  /** The column this transform encodes. */
  String column();

  /** The column's physical type, which fixes the Java type of decoded values. */
  ColumnType type();

  /** The number of features this column occupies. */
  int width();

  /** The spans of this column when its first feature sits at {@code offset}. */
  List<Span> spans(int offset);

  /** Writes the features of {@code value} into {@code out[offset, offset + width())}, overwriting every slot. */
  void encode(Object value, float[] out, int offset);

  /** The value whose features are {@code features[offset, offset + width())}; one-hot spans decode by argmax. */
  Object decode(float[] features, int offset);
}
