package io.synthforge.constraint;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How constraint text writes names and values so that {@link ConstraintParser} reads them back unchanged. */
final class ConstraintText {
  /** Words with a meaning in constraint text; a column named like one is written in backquotes. */
  static final Set<String> KEYWORDS = Set.of("when", "in", "between", "and", "has", "decimals", "decimal", "is",
      "integer", "fixed", "combinations");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private ConstraintText() {}

  /** A column name as written in a constraint: bare when it is a plain word, else in backquotes. */
  static String name(String column) {
    if (NAME.matcher(column).matches() && !KEYWORDS.contains(column.toLowerCase(Locale.ROOT))) {
      return column;
    }
    return "`" + column.replace("`", "``") + "`";
  }

  /** A category as written in a constraint: bare when it is a plain word or number, else in single quotes. */
  static String value(String label) {
    if ((NAME.matcher(label).matches() && !KEYWORDS.contains(label.toLowerCase(Locale.ROOT)))
        || NUMBER.matcher(label).matches()) {
      return label;
    }
    return "'" + label.replace("'", "''") + "'";
  }

  /** {@code (a, b, c)} of the given values. */
  static String valueList(List<String> labels) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < labels.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(value(labels.get(i)));
    }
    return text.append(')').toString();
  }
}
