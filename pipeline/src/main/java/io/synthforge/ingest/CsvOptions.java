package io.synthforge.ingest;

import io.synthforge.api.UsageException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How text inputs are read: CSV dialect, encoding and the tokens that mean "missing". Immutable. */
public final class CsvOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final char delimiter;
  private final char quote;
  private final boolean header;
  private final boolean trim;
  private final String encoding;
  private final Set<String> nullTokens;

  private CsvOptions(Builder builder) {
    this.delimiter = builder.delimiter;
    this.quote = builder.quote;
    this.header = builder.header;
    this.trim = builder.trim;
    this.encoding = builder.encoding;
    this.nullTokens = Set.copyOf(builder.nullTokens);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: comma, double quote, a header line, trimmed fields, UTF-8, only the empty field is missing. */
  public static CsvOptions defaults() {
    return builder().build();
  }

  public char delimiter() {
    return delimiter;
  }

  public char quote() {
    return quote;
  }

  public boolean header() {
    return header;
  }

  /** Whether blanks around unquoted fields are dropped (UCI files put a space after every comma). */
  public boolean trim() {
    return trim;
  }

  public String encoding() {
    return encoding;
  }

  public Set<String> nullTokens() {
    return nullTokens;
  }

  /** The options as provenance entries. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("csv.delimiter", String.valueOf(delimiter));
    described.put("csv.quote", String.valueOf(quote));
    described.put("csv.header", String.valueOf(header));
    described.put("csv.trim", String.valueOf(trim));
    described.put("csv.encoding", encoding);
    described.put("csv.null-values", String.join(",", new java.util.TreeSet<>(nullTokens)));
    return described;
  }

  /** Builds {@link CsvOptions}, validating the encoding and single-character delimiters. */
  public static final class Builder {
    private char delimiter = ',';
    private char quote = '"';
    private boolean header = true;
    private boolean trim = true;
    private String encoding = "UTF-8";
    private Set<String> nullTokens = Set.of();

    public Builder delimiter(String value) {
      this.delimiter = singleChar("delimiter", value.equals("\\t") ? "\t" : value);
      return this;
    }

    public Builder quote(String value) {
      this.quote = singleChar("quote", value);
      return this;
    }

    public Builder header(boolean value) {
      this.header = value;
      return this;
    }

    public Builder trim(boolean value) {
      this.trim = value;
      return this;
    }

    public Builder encoding(String value) {
      if (!Charset.isSupported(value)) {
        throw new UsageException("Cannot read input encoding '" + value + "': not a known charset (try UTF-8 or ISO-8859-1)");
      }
      this.encoding = Charset.forName(value).name();
      return this;
    }

    public Builder nullTokens(List<String> values) {
      this.nullTokens = Set.copyOf(values);
      return this;
    }

    private static char singleChar(String what, String value) {
      if (value.length() != 1) {
        throw new UsageException("Cannot use CSV " + what + " '" + value + "': it must be a single character");
      }
      return value.charAt(0);
    }

    public CsvOptions build() {
      if (delimiter == quote) {
        throw new UsageException("Cannot use '" + delimiter + "' as both CSV delimiter and quote");
      }
      return new CsvOptions(this);
    }
  }
}
