package io.synthforge.sample;

import io.synthforge.provenance.KeyedPermutation;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.JobFailedException;
import io.synthforge.api.UsageException;
import io.synthforge.provenance.Seeds;
import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.util.sketch.BloomFilter;

/**
 * Regenerates one identifier (PII) column as fake values of the same shape. Immutable and thread-safe.
 *
 * <p>The shape is the column's {@code format} ({@code #} is a digit, every other character is kept, e.g.
 * {@code C#########}), else one derived from the type: {@code ID############} for strings, 9 digits for ints,
 * 15 for longs. Row {@code g} of a sample of {@code n} rows takes the {@code t}-th candidate
 * {@code P(g + t * n)}, where {@code P} is a keyed permutation of the digit space (keyed by the run seed and the
 * column name) and {@code t} is the first attempt whose value the training identifiers do not hold. So the
 * values are deterministic by (seed, row), distinct within the sample (the candidate indices of two rows never
 * meet) and never equal a training value: the training set is a Bloom filter, which has no false negatives (a
 * false positive only costs one more attempt).
 */
public final class IdentifierFaker implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String STRING_PATTERN = "ID############";
  private static final int INT_DIGITS = 9;
  private static final int LONG_DIGITS = 15;
  private static final int MAX_ATTEMPTS = 1_000;

  private final String column;
  private final int position;
  private final ColumnType type;
  private final char[] pattern;
  private final int[] digitSlots;
  private final KeyedPermutation permutation;
  private final long sampleRows;
  private final BloomFilter training;

  private IdentifierFaker(String column, int position, ColumnType type, String pattern, long seed, long sampleRows,
      BloomFilter training) {
    this.column = column;
    this.position = position;
    this.type = type;
    this.pattern = pattern.toCharArray();
    int digits = 0;
    for (char c : this.pattern) {
      if (c == '#') {
        digits++;
      }
    }
    this.digitSlots = new int[digits];
    int slot = 0;
    for (int i = 0; i < this.pattern.length; i++) {
      if (this.pattern[i] == '#') {
        digitSlots[slot++] = i;
      }
    }
    this.permutation = KeyedPermutation.ofDigits(digits, Seeds.derive(seed, Seeds.salt("sample.identifier"), column.hashCode()));
    this.sampleRows = sampleRows;
    this.training = training;
  }

  /**
   * The faker of {@code spec} (at {@code position} in the row) for a sample of {@code sampleRows} rows; {@code training}
   * holds the training values (null when the table had none to check). A shape that cannot hold the sample is a
   * usage error.
   */
  public static IdentifierFaker of(ColumnSpec spec, int position, long seed, long sampleRows, BloomFilter training) {
    String pattern = pattern(spec);
    IdentifierFaker faker = new IdentifierFaker(spec.name(), position, spec.type(), pattern, seed, sampleRows, training);
    if (faker.permutation.size() < sampleRows) {
      throw new UsageException(String.format(Locale.ROOT, "Cannot fake identifier column '%s': its format '%s' has "
          + "%,d values, fewer than the %,d rows asked for (widen the format in the schema)", spec.name(), pattern,
          faker.permutation.size(), sampleRows));
    }
    return faker;
  }

  /** The shape of fakes of {@code spec}: its format, else one derived from its type. */
  public static String pattern(ColumnSpec spec) {
    String format = spec.format().orElse(null);
    switch (spec.type()) {
      case STRING:
        return checkDigits(spec, format == null ? STRING_PATTERN : format);
      case INT:
      case LONG:
        String pattern = format == null ? "#".repeat(spec.type() == ColumnType.INT ? INT_DIGITS : LONG_DIGITS) : format;
        for (char c : pattern.toCharArray()) {
          if (c != '#' && !Character.isDigit(c)) {
            throw new UsageException("Cannot fake identifier column '" + spec.name() + "': its format '" + pattern
                + "' has characters other than digits and '#' but the column is " + spec.type().name().toLowerCase(Locale.ROOT));
          }
        }
        int limit = spec.type() == ColumnType.INT ? INT_DIGITS : KeyedPermutation.MAX_DIGITS;
        if (pattern.length() > limit) {
          throw new UsageException("Cannot fake identifier column '" + spec.name() + "': its format '" + pattern
              + "' has more than " + limit + " digits, too many for an " + spec.type().name().toLowerCase(Locale.ROOT));
        }
        return checkDigits(spec, pattern);
      default:
        throw new UsageException("Cannot fake identifier column '" + spec.name() + "': type "
            + spec.type().name().toLowerCase(Locale.ROOT) + " has no identifier shape (identifiers are strings, ints or "
            + "longs; give the column another role)");
    }
  }

  private static String checkDigits(ColumnSpec spec, String pattern) {
    long digits = pattern.chars().filter(c -> c == '#').count();
    if (digits > KeyedPermutation.MAX_DIGITS) {
      throw new UsageException("Cannot fake identifier column '" + spec.name() + "': its format '" + pattern + "' has "
          + digits + " '#' digits, more than " + KeyedPermutation.MAX_DIGITS);
    }
    return pattern;
  }

  /** The column's name. */
  public String column() {
    return column;
  }

  /** The column's position in a row. */
  public int position() {
    return position;
  }

  /** The fake value of row {@code row} of the sample (0-based over the whole sample). */
  public Object value(long row) {
    for (long attempt = 0; ; attempt++) {
      long index = row + attempt * sampleRows;
      // A handful of attempts suffice unless the training values fill most of the space (or the filter is saturated).
      if (index >= permutation.size() || index < 0 || attempt >= MAX_ATTEMPTS) {
        throw new JobFailedException(String.format(Locale.ROOT, "Cannot fake identifier column '%s': every candidate "
            + "of row %,d is a training value (the format '%s' is too narrow)", column, row, new String(pattern)));
      }
      Object candidate = typed(permutation.apply(index));
      if (training == null || !training.mightContain(candidate)) {
        return candidate;
      }
    }
  }

  private Object typed(long number) {
    char[] text = pattern.clone();
    long rest = number;
    for (int i = digitSlots.length - 1; i >= 0; i--) {
      text[digitSlots[i]] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    switch (type) {
      case INT:
        return Integer.parseInt(new String(text));
      case LONG:
        return Long.parseLong(new String(text));
      default:
        return new String(text);
    }
  }

  @Override
  public String toString() {
    return "IdentifierFaker(" + column + ": " + new String(pattern) + ")";
  }
}
