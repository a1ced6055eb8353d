package io.synthforge.constraint;

import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How constraints address the values of a row ({@code Object[]} in {@link TableMetadata} column order) and how
 * precisely they compare them: each numeric column's number of decimals as recorded at ingest (0 for whole
 * numbers, -1 when not fixed). Two values of a column with {@code d} decimals are equal when they differ by less
 * than half a unit of the {@code d}-th decimal; values of a column without fixed decimals when they agree to
 * about 9 significant digits. Immutable.
 */
public final class RowSchema implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Relative slack of every numeric comparison: float rounding of sums and products of stored values. */
  static final double RELATIVE_SLACK = 1e-9;
  /** Room for remembered column-name objects (a power of two, several times the names a rule set uses). */
  private static final int SLOTS = 256;
  /** Slots tried before a name is looked up in the map without being remembered. */
  private static final int MAX_PROBES = 8;

  private final TableMetadata table;
  private final Map<String, Integer> index;
  private final Map<String, Integer> decimals;
  /** {@link #decimals(String)} by position: read for every derived value. */
  private final int[] places;
  private transient Slot[] slots;

  private RowSchema(TableMetadata table, Map<String, Integer> decimals) {
    this.table = Objects.requireNonNull(table, "table");
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      positions.put(table.columns().get(i).name(), i);
    }
    this.index = positions;
    this.decimals = new LinkedHashMap<>(decimals);
    this.places = new int[table.columns().size()];
    for (int i = 0; i < places.length; i++) {
      places[i] = places(table.columns().get(i));
    }
  }

  /** Rows of {@code table} whose numeric columns have the given decimals (absent: not fixed). */
  public static RowSchema of(TableMetadata table, Map<String, Integer> decimals) {
    return new RowSchema(table, decimals);
  }

  public TableMetadata table() {
    return table;
  }

  /** The recorded decimals of every numeric column that has them (a copy). */
  public Map<String, Integer> decimals() {
    return new LinkedHashMap<>(decimals);
  }

  /** The decimals of {@code column}: 0 for whole numbers (and integral types), -1 when not fixed. */
  public int decimals(String column) {
    return places[position(column)];
  }

  private int places(ColumnSpec spec) {
    Integer recorded = decimals.get(spec.name());
    if (recorded != null) {
      return recorded;
    }
    return spec.type().isIntegral() || spec.type().isTemporal() ? 0 : -1;
  }

  /** The position of {@code column} in a row. */
  public int position(String column) {
    // Rules look up their columns for every row they check: remembering each name's position (open addressing
    // from the String's own cached hash, never evicting) saves the map's boxing and indirections, the largest cost
    // of checking rules on generated rows. Rules hold the same few String objects, so the identity test almost
    // always decides; equals() covers another object of the same name. (This table was keyed by
    // System.identityHashCode, which took 14 % of a sampling task's time, JFR.) Racy but safe: slots are
    // immutable, and a slot lost to a concurrent insert is only looked up again.
    Slot[] table = slots;
    if (table == null) {
      table = new Slot[SLOTS];
      slots = table;
    }
    int hash = column.hashCode();
    for (int probe = 0; probe < MAX_PROBES; probe++) {
      int at = (hash + probe) & (SLOTS - 1);
      Slot slot = table[at];
      if (slot == null) {
        int position = lookup(column);
        table[at] = new Slot(column, hash, position);
        return position;
      }
      if (slot.column == column || (slot.hash == hash && slot.column.equals(column))) {
        return slot.position;
      }
    }
    return lookup(column);
  }

  private int lookup(String column) {
    Integer position = index.get(column);
    if (position == null) {
      throw new ConstraintException("Cannot find column '" + column + "' in table '" + table.name() + "'");
    }
    return position;
  }

  /** A column name, its hash and its position. */
  private static final class Slot {
    private final String column;
    private final int hash;
    private final int position;

    Slot(String column, int hash, int position) {
      this.column = column;
      this.hash = hash;
      this.position = position;
    }
  }

  /** The spec of {@code column}. */
  public ColumnSpec spec(String column) {
    return table.columns().get(position(column));
  }

  /** Whether {@code column} is in the table. */
  public boolean has(String column) {
    return index.containsKey(column);
  }

  /** The value of {@code column} in {@code row} as a number (NaN when missing). */
  public double number(Object[] row, String column) {
    return Values.number(row[position(column)]);
  }

  /** The value of {@code column} in {@code row} as a label (null when missing). */
  public String label(Object[] row, String column) {
    return Values.label(row[position(column)]);
  }

  /**
   * How far a value computed for {@code column} may be from the stored one and still count as equal: half a unit
   * of the column's last decimal (the stored value was rounded to it), plus float slack relative to
   * {@code magnitude}, the largest absolute value involved.
   */
  public double tolerance(String column, double magnitude) {
    int places = decimals(column);
    double slack = RELATIVE_SLACK * Math.max(1.0, Math.abs(magnitude));
    return places < 0 ? slack : 0.5 * Math.pow(10, -places) + slack;
  }

  /** The float slack of comparing numbers up to {@code magnitude}. */
  public static double slack(double magnitude) {
    return RELATIVE_SLACK * Math.max(1.0, Math.abs(magnitude));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowSchema && table.equals(((RowSchema) other).table)
        && decimals.equals(((RowSchema) other).decimals);
  }

  @Override
  public int hashCode() {
    return table.hashCode() * 31 + decimals.hashCode();
  }
}
