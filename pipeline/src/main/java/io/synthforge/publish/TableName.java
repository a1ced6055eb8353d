package io.synthforge.publish;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/** A catalog table name, {@code database.table} (database {@code default} when omitted). Immutable, lower-case. */
public final class TableName implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The database of a name given without one. */
  public static final String DEFAULT_DATABASE = "default";

  private final String database;
  private final String table;

  private TableName(String database, String table) {
    this.database = database;
    this.table = table;
  }

  /** The table {@code table} of {@code database}; both must be identifiers (letters, digits, underscores). */
  public static TableName of(String database, String table) {
    check(database, database + "." + table);
    check(table, database + "." + table);
    return new TableName(database.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT));
  }

  /** Parses {@code db.table} or {@code table}. */
  public static TableName parse(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length == 1) {
      return of(DEFAULT_DATABASE, parts[0]);
    }
    if (parts.length == 2) {
      return of(parts[0], parts[1]);
    }
    throw new UsageException("Cannot use table name '" + text + "': expected DATABASE.TABLE");
  }

  private static void check(String part, String whole) {
    if (!IDENTIFIER.matcher(part).matches()) {
      throw new UsageException("Cannot use table name '" + whole + "': '" + part
          + "' is not an identifier (letters, digits and underscores, not starting with a digit)");
    }
  }

  public String database() {
    return database;
  }

  public String table() {
    return table;
  }

  /** The name quoted for Spark SQL: {@code `db`.`table`}. */
  public String quoted() {
    return "`" + database + "`.`" + table + "`";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableName && database.equals(((TableName) other).database)
        && table.equals(((TableName) other).table);
  }

  @Override
  public int hashCode() {
    return database.hashCode() * 31 + table.hashCode();
  }

  @Override
  public String toString() {
    return database + "." + table;
  }
}
