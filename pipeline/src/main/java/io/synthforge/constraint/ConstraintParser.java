package io.synthforge.constraint;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text of a constraint against the table it is about. The grammar (keywords in any case; a column whose
 * name is not a plain word, or is a keyword, goes in backquotes; a category that is not a plain word or number in
 * single quotes):
 * <pre>
 *   fixed combinations (c1, c2, ...)
 *   c has N decimals              c is integer
 *   c between LOW and HIGH        [when ...]
 *   x OP y                        [when ...]    OP: <= < >= >, x and y columns or numbers
 *   c = d | c = NUMBER | c = CATEGORY           [when ...]
 *   c = k1 * a + b - c * k2 + K   [when ...]    (sums, differences, scaling by constants)
 *   when: when c in (v1, v2, ...) | when c = v
 * </pre>
 * Every mistake is a {@link ConstraintException} reading {@code Cannot read constraint '<text>': <why>}.
 */
public final class ConstraintParser {
  private final String text;
  private final TableMetadata table;
  private final List<Token> tokens;
  private int next;

  private ConstraintParser(String text, TableMetadata table) {
    this.text = text;
    this.table = table;
    this.tokens = new Lexer(text).tokens();
  }

  /** The constraint {@code text} writes, about the columns of {@code table}. */
  public static Constraint parse(String text, TableMetadata table) {
    if (text == null || text.isBlank()) {
      throw new ConstraintException("Cannot read constraint '': it is empty");
    }
    ConstraintParser parser = new ConstraintParser(text.trim(), table);
    return parser.constraint();
  }

  /** Each text of {@code texts} read as by {@link #parse}. */
  public static List<Constraint> parseAll(List<String> texts, TableMetadata table) {
    List<Constraint> constraints = new ArrayList<>();
    for (String text : texts) {
      constraints.add(parse(text, table));
    }
    return constraints;
  }

  private enum Type {
    NAME,
    QUOTED_NAME,
    NUMBER,
    STRING,
    SYMBOL,
    END
  }

  private static final class Token {
    final Type type;
    final String value;

    Token(Type type, String value) {
      this.type = type;
      this.value = value;
    }

    boolean is(String symbol) {
      return type == Type.SYMBOL && value.equals(symbol);
    }

    boolean isKeyword(String keyword) {
      return type == Type.NAME && value.equalsIgnoreCase(keyword);
    }

    String describe() {
      switch (type) {
        case END:
          return "the end";
        case QUOTED_NAME:
          return "`" + value + "`";
        case STRING:
          return "'" + value + "'";
        default:
          return "'" + value + "'";
      }
    }
  }

  /** Splits constraint text into tokens. */
  private final class Lexer {
    private final String source;
    private int at;

    Lexer(String source) {
      this.source = source;
    }

    List<Token> tokens() {
      List<Token> list = new ArrayList<>();
      while (true) {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
          at++;
        }
        if (at >= source.length()) {
          list.add(new Token(Type.END, ""));
          return list;
        }
        char c = source.charAt(at);
        if (Character.isLetter(c) || c == '_') {
          int start = at;
          while (at < source.length() && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '_')) {
            at++;
          }
          list.add(new Token(Type.NAME, source.substring(start, at)));
        } else if (Character.isDigit(c) || c == '.' && at + 1 < source.length() && Character.isDigit(source.charAt(at + 1))) {
          list.add(new Token(Type.NUMBER, number()));
        } else if (c == '`' || c == '\'' || c == '"') {
          list.add(new Token(c == '`' ? Type.QUOTED_NAME : Type.STRING, quoted(c)));
        } else if (c == '<' || c == '>') {
          boolean equals = at + 1 < source.length() && source.charAt(at + 1) == '=';
          list.add(new Token(Type.SYMBOL, equals ? c + "=" : String.valueOf(c)));
          at += equals ? 2 : 1;
        } else if (c == '=' && at + 1 < source.length() && source.charAt(at + 1) == '=') {
          list.add(new Token(Type.SYMBOL, "="));
          at += 2;
        } else if ("=+-*(),".indexOf(c) >= 0) {
          list.add(new Token(Type.SYMBOL, String.valueOf(c)));
          at++;
        } else {
          throw error("unexpected character '" + c + "' at position " + (at + 1));
        }
      }
    }

    private String number() {
      int start = at;
      while (at < source.length() && (Character.isDigit(source.charAt(at)) || source.charAt(at) == '.')) {
        at++;
      }
      if (at < source.length() && (source.charAt(at) == 'e' || source.charAt(at) == 'E')) {
        int mark = at;
        at++;
        if (at < source.length() && (source.charAt(at) == '+' || source.charAt(at) == '-')) {
          at++;
        }
        if (at < source.length() && Character.isDigit(source.charAt(at))) {
          while (at < source.length() && Character.isDigit(source.charAt(at))) {
            at++;
          }
        } else {
          at = mark;
        }
      }
      return source.substring(start, at);
    }

    private String quoted(char quote) {
      StringBuilder value = new StringBuilder();
      at++;
      while (at < source.length()) {
        char c = source.charAt(at);
        if (c == quote) {
          if (at + 1 < source.length() && source.charAt(at + 1) == quote) {
            value.append(quote);
            at += 2;
            continue;
          }
          at++;
          return value.toString();
        }
        value.append(c);
        at++;
      }
      throw error("the quote " + quote + " is not closed");
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    return tokens.get(next++);
  }

  private boolean takeSymbol(String symbol) {
    if (peek().is(symbol)) {
      next++;
      return true;
    }
    return false;
  }

  private boolean takeKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private void expectSymbol(String symbol) {
    if (!takeSymbol(symbol)) {
      throw error("expected '" + symbol + "' but found " + peek().describe());
    }
  }

  private void expectKeyword(String keyword) {
    if (!takeKeyword(keyword)) {
      throw error("expected '" + keyword + "' but found " + peek().describe());
    }
  }

  private void expectEnd() {
    if (peek().type != Type.END) {
      throw error("unexpected " + peek().describe() + " after the constraint");
    }
  }

  private ConstraintException error(String why) {
    return new ConstraintException("Cannot read constraint '" + text + "': " + why);
  }

  private Constraint constraint() {
    if (peek().isKeyword("fixed")) {
      return fixedCombinations();
    }
    Operand left = operand();
    if (left.isColumn()) {
      String column = left.column().get();
      if (takeKeyword("has")) {
        Token places = take();
        if (places.type != Type.NUMBER || !places.value.matches("\\d+")) {
          throw error("expected a whole number of decimals after 'has' but found " + places.describe());
        }
        if (!takeKeyword("decimals") && !takeKeyword("decimal")) {
          throw error("expected 'decimals' but found " + peek().describe());
        }
        expectEnd();
        requireContinuous(column, "decimals");
        return new Decimals(column, Integer.parseInt(places.value));
      }
      if (takeKeyword("is")) {
        expectKeyword("integer");
        expectEnd();
        requireContinuous(column, "integer-ness");
        return new Decimals(column, 0);
      }
      if (takeKeyword("between")) {
        double low = signedNumber();
        expectKeyword("and");
        double high = signedNumber();
        Optional<Condition> condition = condition();
        requireContinuous(column, "a range");
        try {
          return new ValueRange(column, low, high, condition);
        } catch (ConstraintException e) {
          throw error(Values.format(low) + " is above " + Values.format(high));
        }
      }
      if (takeSymbol("=")) {
        return equation(column);
      }
    }
    Token op = take();
    if (!(op.is("<=") || op.is("<") || op.is(">=") || op.is(">"))) {
      throw error("expected =, <=, <, >=, >, 'between', 'has' or 'is' after " + left.text() + " but found "
          + op.describe());
    }
    Operand right = operand();
    Optional<Condition> condition = condition();
    if (!left.isColumn() && !right.isColumn()) {
      throw error("it compares two numbers; name a column");
    }
    for (Operand side : List.of(left, right)) {
      side.column().ifPresent(column -> requireOrdered(column));
    }
    if (left.isColumn() && right.isColumn()) {
      ColumnSpec a = spec(left.column().get());
      ColumnSpec b = spec(right.column().get());
      if (a.role() != b.role()) {
        throw error("'" + a.name() + "' is " + a.role().key() + " and '" + b.name() + "' is " + b.role().key()
            + "; compare columns of one kind");
      }
    }
    return new Inequality(left, Inequality.Op.of(op.value), right, condition);
  }

  private Constraint fixedCombinations() {
    expectKeyword("fixed");
    expectKeyword("combinations");
    expectSymbol("(");
    List<String> columns = new ArrayList<>();
    do {
      String column = columnName();
      ColumnSpec spec = spec(column);
      if (!spec.role().isDiscrete()) {
        throw error("'" + column + "' is a " + spec.role().key() + " column; fixed combinations are of categorical "
            + "and label columns");
      }
      if (columns.contains(column)) {
        throw error("'" + column + "' is named twice");
      }
      columns.add(column);
    } while (takeSymbol(","));
    expectSymbol(")");
    expectEnd();
    if (columns.size() < 2) {
      throw error("fixed combinations need at least two columns");
    }
    return FixedCombinations.of(columns);
  }

  /** After {@code target =}: an equality with a column or constant, or a formula. */
  private Constraint equation(String target) {
    ColumnSpec spec = spec(target);
    if (spec.role().isDiscrete()) {
      Token value = take();
      Operand right;
      if ((value.type == Type.NAME || value.type == Type.QUOTED_NAME) && table.column(value.value).isPresent()) {
        ColumnSpec other = spec(value.value);
        if (!other.role().isDiscrete()) {
          throw error("'" + target + "' is a " + spec.role().key() + " column and '" + other.name() + "' is "
              + other.role().key() + "; an equality compares columns of one kind");
        }
        right = Operand.column(other.name());
      } else if (value.type == Type.NAME || value.type == Type.NUMBER || value.type == Type.STRING) {
        right = Operand.label(value.value);
      } else if (value.is("-") && peek().type == Type.NUMBER) {
        right = Operand.label("-" + take().value);
      } else {
        throw error("expected a column or a category after '=' but found " + value.describe());
      }
      Optional<Condition> condition = condition();
      return new Equality(target, right, false, condition);
    }
    requireOrdered(target);
    Map<String, Double> terms = new LinkedHashMap<>();
    double constant = 0;
    boolean negative = takeSymbol("-");
    do {
      double sign = negative ? -1 : 1;
      double coefficient = 1;
      String column = null;
      Token first = take();
      if (first.type == Type.NUMBER) {
        coefficient = parseNumber(first);
        if (takeSymbol("*")) {
          column = columnName();
        }
      } else if (first.type == Type.NAME || first.type == Type.QUOTED_NAME) {
        column = resolve(first);
        if (takeSymbol("*")) {
          coefficient = signedNumber();
        }
      } else {
        throw error("expected a column or a number but found " + first.describe());
      }
      if (column == null) {
        constant += sign * coefficient;
      } else {
        if (column.equals(target)) {
          throw error("'" + target + "' appears on both sides");
        }
        requireOrdered(column);
        ColumnSpec term = spec(column);
        if (term.role() != spec.role()) {
          throw error("'" + target + "' is " + spec.role().key() + " and '" + column + "' is " + term.role().key()
              + "; a formula relates columns of one kind");
        }
        terms.merge(column, sign * coefficient, Double::sum);
      }
      if (takeSymbol("+")) {
        negative = false;
      } else if (takeSymbol("-")) {
        negative = true;
      } else {
        break;
      }
    } while (true);
    Optional<Condition> condition = condition();
    terms.values().removeIf(k -> k == 0.0);
    if (terms.isEmpty()) {
      return new Equality(target, Operand.number(constant), true, condition);
    }
    if (terms.size() == 1 && constant == 0 && terms.values().iterator().next() == 1.0) {
      return new Equality(target, Operand.column(terms.keySet().iterator().next()), true, condition);
    }
    if (spec.role() != ColumnRole.CONTINUOUS) {
      throw error("'" + target + "' is a " + spec.role().key() + " column; formulas relate continuous columns");
    }
    List<Formula.Term> list = new ArrayList<>();
    terms.forEach((column, k) -> list.add(new Formula.Term(k, column)));
    return new Formula(target, list, constant, condition);
  }

  /** A column, a number or a negative number. */
  private Operand operand() {
    Token token = take();
    if (token.type == Type.NAME || token.type == Type.QUOTED_NAME) {
      return Operand.column(resolve(token));
    }
    if (token.type == Type.NUMBER) {
      return Operand.number(parseNumber(token));
    }
    if (token.is("-") && peek().type == Type.NUMBER) {
      return Operand.number(-parseNumber(take()));
    }
    throw error("expected a column or a number but found " + token.describe());
  }

  private double signedNumber() {
    boolean negative = takeSymbol("-");
    Token token = take();
    if (token.type != Type.NUMBER) {
      throw error("expected a number but found " + token.describe());
    }
    return negative ? -parseNumber(token) : parseNumber(token);
  }

  private double parseNumber(Token token) {
    try {
      double value = Double.parseDouble(token.value);
      if (!Double.isFinite(value)) {
        throw error("the number " + token.value + " is too large");
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("'" + token.value + "' is not a number");
    }
  }

  private String columnName() {
    Token token = take();
    if (token.type != Type.NAME && token.type != Type.QUOTED_NAME) {
      throw error("expected a column but found " + token.describe());
    }
    return resolve(token);
  }

  /** The column a name token names; keywords and unknown names are mistakes. */
  private String resolve(Token token) {
    if (token.type == Type.NAME && ConstraintText.KEYWORDS.contains(token.value.toLowerCase(Locale.ROOT))
        && table.column(token.value).isEmpty()) {
      throw error("expected a column but found '" + token.value + "'");
    }
    if (table.column(token.value).isEmpty()) {
      throw error("no column '" + token.value + "' in table '" + table.name() + "' (columns: "
          + String.join(", ", table.columnNames()) + ")");
    }
    ColumnSpec spec = table.column(token.value).get();
    if (spec.role() == ColumnRole.IDENTIFIER) {
      throw error("'" + spec.name() + "' is an identifier column, which is faked rather than learned");
    }
    return spec.name();
  }

  private ColumnSpec spec(String column) {
    return table.column(column).orElseThrow(() -> error("no column '" + column + "'"));
  }

  private void requireOrdered(String column) {
    ColumnRole role = spec(column).role();
    if (role != ColumnRole.CONTINUOUS && role != ColumnRole.DATETIME) {
      throw error("'" + column + "' is a " + role.key() + " column; only continuous and datetime columns are "
          + "compared as numbers");
    }
  }

  private void requireContinuous(String column, String what) {
    ColumnRole role = spec(column).role();
    if (role != ColumnRole.CONTINUOUS) {
      throw error("'" + column + "' is a " + role.key() + " column; " + what + " applies to continuous columns");
    }
  }

  /** An optional {@code when c in (v, ...)} / {@code when c = v}, then the end of the text. */
  private Optional<Condition> condition() {
    if (!takeKeyword("when")) {
      expectEnd();
      return Optional.empty();
    }
    String column = columnName();
    ColumnSpec spec = spec(column);
    if (!spec.role().isDiscrete()) {
      throw error("the condition's column '" + column + "' is a " + spec.role().key()
          + " column; conditions name a categorical or label column");
    }
    List<String> values = new ArrayList<>();
    if (takeSymbol("=")) {
      values.add(value());
    } else {
      expectKeyword("in");
      expectSymbol("(");
      do {
        values.add(value());
      } while (takeSymbol(","));
      expectSymbol(")");
    }
    expectEnd();
    return Optional.of(Condition.in(column, values));
  }

  private String value() {
    Token token = take();
    if (token.type == Type.NAME || token.type == Type.NUMBER || token.type == Type.STRING) {
      return token.value;
    }
    if (token.is("-") && peek().type == Type.NUMBER) {
      return "-" + take().value;
    }
    throw error("expected a category but found " + token.describe());
  }
}
