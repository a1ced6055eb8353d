package io.synthforge.transform;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-hot transform of a categorical or label column (of any type: strings, booleans, numeric codes, dates).
 * Immutable.
 *
 * <p>The conditionable {@link Span.Kind#ONE_HOT} span lists the categories by descending count (ties by label),
 * then {@value #OTHER_LABEL} when rare categories were folded, then {@value ContinuousTransform#NULL_LABEL} when
 * the profile saw nulls. The round trip is exact for every category that was not folded, and for null.
 * {@value #OTHER_LABEL} decodes to the most frequent folded category, and encodes any folded or unseen value.
 *
 * <p>Profile category labels must be the values' text: {@code String.valueOf} for strings, numbers and booleans,
 * ISO-8601 for dates ({@code 2024-01-31}) and instants ({@code 2024-01-31T10:15:30Z}); fitting rejects a label
 * that does not parse as the column's type.
 */
public final class CategoricalTransform implements ColumnTransform {
  private static final long serialVersionUID = 1L;
  /** The label of the position that stands for every folded (rare) category. */
  public static final String OTHER_LABEL = "__other__";

  private final String column;
  private final ColumnType type;
  private final List<String> categories;
  private final long[] counts;
  private final long nullCount;
  private final List<String> folded;
  private final long[] foldedCounts;
  private final Object[] decoded;
  private final Map<Object, Integer> positions;
  private final int otherIndex;
  private final int nullIndex;
  private final int width;

  CategoricalTransform(String column, ColumnType type, List<String> categories, long[] counts, long nullCount,
      List<String> folded, long[] foldedCounts) {
    this.column = Objects.requireNonNull(column, "column");
    this.type = Objects.requireNonNull(type, "type");
    this.categories = List.copyOf(categories);
    this.counts = counts.clone();
    this.nullCount = nullCount;
    this.folded = List.copyOf(folded);
    this.foldedCounts = foldedCounts.clone();
    if (counts.length != categories.size() || foldedCounts.length != folded.size()) {
      throw new TransformException("Cannot build the transform of column '" + column
          + "': categories and counts differ in number");
    }
    this.otherIndex = folded.isEmpty() ? -1 : categories.size();
    this.nullIndex = nullCount > 0 ? categories.size() + (folded.isEmpty() ? 0 : 1) : -1;
    this.width = categories.size() + (otherIndex >= 0 ? 1 : 0) + (nullIndex >= 0 ? 1 : 0);
    if (width == 0) {
      throw new TransformException("Cannot build the transform of column '" + column + "': it has no values");
    }
    this.decoded = new Object[width];
    this.positions = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      decoded[i] = ColumnValues.parseLabel(categories.get(i), type, column);
      positions.put(decoded[i], i);
    }
    if (otherIndex >= 0) {
      int mostFrequent = 0;
      for (int i = 0; i < folded.size(); i++) {
        Object value = ColumnValues.parseLabel(folded.get(i), type, column);
        positions.put(value, otherIndex);
        if (foldedCounts[i] > foldedCounts[mostFrequent]) {
          mostFrequent = i;
        }
      }
      decoded[otherIndex] = ColumnValues.parseLabel(folded.get(mostFrequent), type, column);
    }
  }

  /** Fits the transform of a discrete {@code spec} from its category counts in {@code profile}. */
  public static CategoricalTransform fit(ColumnSpec spec, ColumnProfile profile, TransformOptions options) {
    String name = spec.name();
    if (profile.isNumeric()) {
      throw new TransformException(
          "Cannot fit a categorical transform to column '" + name + "': its profile is numeric, not discrete");
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(profile.categoryCounts().entrySet());
    entries.sort((a, b) -> !a.getValue().equals(b.getValue())
        ? Long.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()));
    long total = 0;
    for (Map.Entry<String, Long> entry : entries) {
      total += entry.getValue();
    }
    List<String> kept = new ArrayList<>();
    List<Long> keptCounts = new ArrayList<>();
    List<String> folded = new ArrayList<>();
    List<Long> foldedCounts = new ArrayList<>();
    for (Map.Entry<String, Long> entry : entries) {
      boolean rare = total > 0 && (double) entry.getValue() / total < options.foldRareBelow();
      (rare ? folded : kept).add(entry.getKey());
      (rare ? foldedCounts : keptCounts).add(entry.getValue());
    }
    return new CategoricalTransform(name, spec.type(), kept, toArray(keptCounts), profile.nulls(), folded,
        toArray(foldedCounts));
  }

  private static long[] toArray(List<Long> values) {
    long[] array = new long[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  @Override
  public String column() {
    return column;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public List<Span> spans(int offset) {
    return List.of(Span.oneHot(column, offset, labels(), true));
  }

  /** The labels of the span's positions: the kept categories, then {@code __other__}, then {@code __null__}. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>(categories);
    if (otherIndex >= 0) {
      labels.add(OTHER_LABEL);
    }
    if (nullIndex >= 0) {
      labels.add(Span.NULL_LABEL);
    }
    return labels;
  }

  /** The kept categories (as labels), most frequent first. */
  public List<String> categories() {
    return categories;
  }

  /** The rows seen at each span position (a sampler's category frequencies), aligned with {@link #labels()}. */
  public long[] frequencies() {
    long[] frequencies = Arrays.copyOf(counts, width);
    if (otherIndex >= 0) {
      frequencies[otherIndex] = Arrays.stream(foldedCounts).sum();
    }
    if (nullIndex >= 0) {
      frequencies[nullIndex] = nullCount;
    }
    return frequencies;
  }

  /** The rows seen per kept category, aligned with {@link #categories()}. */
  public long[] counts() {
    return counts.clone();
  }

  /** The rows seen with a null value. */
  public long nullCount() {
    return nullCount;
  }

  /** The categories folded into {@code __other__}, most frequent first; empty when nothing was folded. */
  public List<String> folded() {
    return folded;
  }

  /** The rows seen per folded category, aligned with {@link #folded()}. */
  public long[] foldedCounts() {
    return foldedCounts.clone();
  }

  @Override
  public void encode(Object value, float[] out, int offset) {
    Arrays.fill(out, offset, offset + width, 0.0f);
    out[offset + position(value)] = 1.0f;
  }

  /** The span position of {@code value}. */
  public int position(Object value) {
    if (value == null) {
      if (nullIndex < 0) {
        throw new TransformException(
            "Cannot encode null in column '" + column + "': the column had no nulls when the transformer was fitted");
      }
      return nullIndex;
    }
    Integer position = positions.get(ColumnValues.normalise(value, type, column));
    if (position != null) {
      return position;
    }
    if (otherIndex >= 0) {
      return otherIndex;
    }
    throw new TransformException("Cannot encode value '" + value + "' in column '" + column
        + "': the category was not seen when the transformer was fitted");
  }

  @Override
  public Object decode(float[] features, int offset) {
    int best = 0;
    float bestScore = features[offset];
    for (int i = 1; i < width; i++) {
      if (features[offset + i] > bestScore) {
        best = i;
        bestScore = features[offset + i];
      }
    }
    return decoded[best];
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CategoricalTransform)) {
      return false;
    }
    CategoricalTransform that = (CategoricalTransform) other;
    return column.equals(that.column)
        && type == that.type
        && categories.equals(that.categories)
        && Arrays.equals(counts, that.counts)
        && nullCount == that.nullCount
        && folded.equals(that.folded)
        && Arrays.equals(foldedCounts, that.foldedCounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, type, categories, Arrays.hashCode(counts), nullCount, folded);
  }

  @Override
  public String toString() {
    return "CategoricalTransform(" + column + ": " + labels() + ")";
  }
}
