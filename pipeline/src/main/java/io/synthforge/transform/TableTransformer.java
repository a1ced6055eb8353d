package io.synthforge.transform;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fitted, reversible map between table rows and feature vectors: one {@link ColumnTransform} per learned
 * column (identifiers are skipped), laid out by one {@link OutputLayout}. Immutable and thread-safe; small
 * enough to broadcast to executors. Saved and loaded with {@link TransformerCodec}.
 *
 * <p>Rows are {@code Object[]} in {@link TableMetadata} column order, identifiers included (ignored when
 * encoding, {@code null} when decoding), typed as described in {@link ColumnTransform}.
 */
public final class TableTransformer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TableTransformer.class);

  private final TableMetadata metadata;
  private final TransformOptions options;
  private final long seed;
  private final List<ColumnTransform> transforms;
  private final int[] positions;
  private final int[] offsets;
  private final OutputLayout layout;

  TableTransformer(TableMetadata metadata, TransformOptions options, long seed, List<ColumnTransform> transforms) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.options = Objects.requireNonNull(options, "options");
    this.seed = seed;
    this.transforms = List.copyOf(transforms);
    this.positions = new int[transforms.size()];
    this.offsets = new int[transforms.size()];
    List<Span> spans = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < transforms.size(); i++) {
      ColumnTransform transform = transforms.get(i);
      positions[i] = metadata.indexOf(transform.column());
      if (positions[i] < 0) {
        throw new TransformException("Cannot build transformer for table '" + metadata.name() + "': column '"
            + transform.column() + "' is not in the table");
      }
      offsets[i] = offset;
      spans.addAll(transform.spans(offset));
      offset += transform.width();
    }
    this.layout = OutputLayout.of(spans);
  }

  /**
   * Fits one transform per learned column of {@code metadata} from its profile; deterministic for a given
   * {@code seed} (each column's mixture is seeded from it and the column's name).
   */
  public static TableTransformer fit(TableMetadata metadata, Map<String, ColumnProfile> profiles,
      TransformOptions options, long seed) {
    List<ColumnSpec> learned = metadata.learnedColumns();
    if (learned.isEmpty()) {
      throw new TransformException(
          "Cannot fit transformer for table '" + metadata.name() + "': it has no learned columns (all are identifiers)");
    }
    for (ColumnSpec column : learned) {
      if (!profiles.containsKey(column.name())) {
        throw new TransformException("Cannot fit transformer for table '" + metadata.name()
            + "': no profile for column '" + column.name() + "'");
      }
    }
    // Columns are independent and the mixture fits dominate; the stream keeps the column order.
    List<ColumnTransform> transforms = IntStream.range(0, learned.size())
        .parallel()
        .mapToObj(i -> fitColumn(learned.get(i), profiles.get(learned.get(i).name()), options, seed))
        .collect(Collectors.toList());
    TableTransformer transformer = new TableTransformer(metadata, options, seed, transforms);
    LOG.info("Fitted transformer for table '{}': {} columns, {} features ({} conditionable)", metadata.name(),
        transforms.size(), transformer.layout.width(), transformer.layout.conditionWidth());
    return transformer;
  }

  private static ColumnTransform fitColumn(ColumnSpec column, ColumnProfile profile, TransformOptions options,
      long seed) {
    ColumnTransform transform;
    if (column.role() == ColumnRole.CONTINUOUS || column.role() == ColumnRole.DATETIME) {
      transform = ContinuousTransform.fit(column, profile, options, columnSeed(seed, column.name()));
    } else {
      transform = CategoricalTransform.fit(column, profile, options);
    }
    LOG.debug("Fitted {}", transform);
    return transform;
  }

  /** The seed of one column's mixture fit, derived from the root seed and the column's name. */
  static long columnSeed(long rootSeed, String column) {
    return new SplittableRandom(rootSeed ^ (0x9E3779B97F4A7C15L * column.hashCode())).nextLong();
  }

  /** The table whose rows this transformer encodes. */
  public TableMetadata metadata() {
    return metadata;
  }

  /** The options it was fitted with. */
  public TransformOptions options() {
    return options;
  }

  /** The root seed it was fitted with. */
  public long seed() {
    return seed;
  }

  /** The column transforms, in feature order. */
  public List<ColumnTransform> transforms() {
    return transforms;
  }

  /**
   * This transformer without the transforms of {@code columns} (learned columns that something else computes,
   * such as the targets of enforced formulas): their features leave the layout, encoding ignores them and decoding
   * leaves them null. The table stays the same.
   */
  public TableTransformer without(java.util.Set<String> columns) {
    if (columns.isEmpty()) {
      return this;
    }
    List<ColumnTransform> kept = new ArrayList<>();
    for (ColumnTransform transform : transforms) {
      if (!columns.contains(transform.column())) {
        kept.add(transform);
      }
    }
    if (kept.size() + columns.size() != transforms.size()) {
      throw new TransformException("Cannot drop columns " + columns + " from the transformer of table '"
          + metadata.name() + "': not all of them are learned columns");
    }
    if (kept.isEmpty()) {
      throw new TransformException("Cannot drop columns " + columns + " from the transformer of table '"
          + metadata.name() + "': no learned column would be left");
    }
    return new TableTransformer(metadata, options, seed, kept);
  }

  /** The spans of the feature vector. */
  public OutputLayout layout() {
    return layout;
  }

  /** The index of the first label column's conditionable one-hot span, if the table has a label. */
  public OptionalInt labelSpan() {
    for (ColumnSpec column : metadata.columns()) {
      if (column.role() != ColumnRole.LABEL) {
        continue;
      }
      List<Span> spans = layout.spans();
      for (int s = 0; s < spans.size(); s++) {
        if (spans.get(s).column().equals(column.name()) && spans.get(s).isConditionable()) {
          return OptionalInt.of(s);
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The transform of {@code column}. */
  public ColumnTransform transform(String column) {
    for (ColumnTransform transform : transforms) {
      if (transform.column().equals(column)) {
        return transform;
      }
    }
    throw new TransformException("Cannot find the transform of column '" + column + "' in table '"
        + metadata.name() + "': it is not a learned column");
  }

  /** The features of one row. */
  public float[] encode(Object[] row) {
    float[] features = new float[layout.width()];
    encodeInto(row, features, 0);
    return features;
  }

  /** Writes the features of {@code row} into {@code out[offset, offset + layout().width())}. */
  public void encodeInto(Object[] row, float[] out, int offset) {
    checkRow(row, "encode");
    checkFeatures(out, offset, "encode into");
    for (int i = 0; i < transforms.size(); i++) {
      transforms.get(i).encode(row[positions[i]], out, offset + offsets[i]);
    }
  }

  /** The features of many rows, row after row in one flat array of {@code rows.length * layout().width()}. */
  public float[] encodeRows(Object[][] rows) {
    int width = layout.width();
    float[] features = new float[Math.multiplyExact(rows.length, width)];
    for (int r = 0; r < rows.length; r++) {
      encodeInto(rows[r], features, r * width);
    }
    return features;
  }

  /** The row one feature vector stands for. */
  public Object[] decode(float[] features) {
    if (features.length != layout.width()) {
      throw new TransformException("Cannot decode features: expected " + layout.width() + " values, found "
          + features.length);
    }
    Object[] row = new Object[metadata.columns().size()];
    decodeInto(features, 0, row);
    return row;
  }

  /** Writes the row that {@code features[offset, offset + layout().width())} stands for into {@code row}. */
  public void decodeInto(float[] features, int offset, Object[] row) {
    checkFeatures(features, offset, "decode");
    checkRow(row, "decode into");
    for (int i = 0; i < transforms.size(); i++) {
      row[positions[i]] = transforms.get(i).decode(features, offset + offsets[i]);
    }
  }

  /** The rows that {@code rowCount} consecutive feature vectors in {@code features} stand for. */
  public Object[][] decodeRows(float[] features, int rowCount) {
    int width = layout.width();
    if ((long) rowCount * width != features.length) {
      throw new TransformException("Cannot decode " + rowCount + " rows: expected " + (long) rowCount * width
          + " features, found " + features.length);
    }
    Object[][] rows = new Object[rowCount][metadata.columns().size()];
    for (int r = 0; r < rowCount; r++) {
      decodeInto(features, r * width, rows[r]);
    }
    return rows;
  }

  /** The rows that each feature vector in {@code features} stands for. */
  public Object[][] decodeRows(float[][] features) {
    Object[][] rows = new Object[features.length][];
    for (int r = 0; r < features.length; r++) {
      rows[r] = decode(features[r]);
    }
    return rows;
  }

  private void checkRow(Object[] row, String action) {
    if (row.length != metadata.columns().size()) {
      throw new TransformException("Cannot " + action + " row of table '" + metadata.name() + "': expected "
          + metadata.columns().size() + " values, found " + row.length);
    }
  }

  private void checkFeatures(float[] features, int offset, String action) {
    if (offset < 0 || offset + layout.width() > features.length) {
      throw new TransformException("Cannot " + action + " features at offset " + offset + ": " + layout.width()
          + " values do not fit in an array of " + features.length);
    }
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TableTransformer)) {
      return false;
    }
    TableTransformer that = (TableTransformer) other;
    return metadata.equals(that.metadata) && options.equals(that.options) && seed == that.seed
        && transforms.equals(that.transforms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metadata, options, seed, transforms);
  }

  @Override
  public String toString() {
    return "TableTransformer(" + metadata.name() + ", " + layout + ")";
  }
}
