package io.synthforge.conf;

import io.synthforge.api.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything needed to start a Spark session for a job. Settings resolve with one precedence, highest first:
 * {@code --conf} on the command line, then the pipeline file, then the cluster-config defaults file, then
 * synthforge's built-in defaults.
 */
public final class SparkSettings {
  private final String appName;
  private final String master;
  private final String warehouse;
  private final boolean catalog;
  private final Map<String, String> conf;

  private SparkSettings(Builder builder) {
    this.appName = builder.appName;
    this.master = builder.master;
    this.warehouse = builder.warehouse;
    this.catalog = builder.catalog;
    Map<String, String> merged = new LinkedHashMap<>(builder.clusterDefaults);
    merged.putAll(builder.pipelineConf);
    merged.putAll(builder.commandLineConf);
    this.conf = Map.copyOf(merged);
  }

  public static Builder builder(String appName) {
    return new Builder(appName);
  }

  public String appName() {
    return appName;
  }

  /** The master asked for on the command line, or null to take spark-submit's (or {@code local[*]}). */
  public String master() {
    return master;
  }

  /** The warehouse directory (any Hadoop URI) holding managed tables and the embedded metastore. */
  public String warehouse() {
    return warehouse;
  }

  /** Whether the job needs the persistent (Hive metastore) catalog. */
  public boolean catalog() {
    return catalog;
  }

  /** The resolved Spark settings (command line over pipeline file over cluster defaults). */
  public Map<String, String> conf() {
    return conf;
  }

  /** Builds {@link SparkSettings}. */
  public static final class Builder {
    private final String appName;
    private String master;
    private String warehouse = "warehouse";
    private boolean catalog;
    private Map<String, String> clusterDefaults = Map.of();
    private Map<String, String> pipelineConf = Map.of();
    private Map<String, String> commandLineConf = Map.of();

    private Builder(String appName) {
      this.appName = Objects.requireNonNull(appName, "appName");
    }

    public Builder master(String value) {
      this.master = value;
      return this;
    }

    public Builder warehouse(String value) {
      this.warehouse = Objects.requireNonNull(value, "warehouse");
      return this;
    }

    public Builder catalog(boolean value) {
      this.catalog = value;
      return this;
    }

    /** Lowest-precedence settings, e.g. from {@code cluster-config/<env>/spark-defaults.conf}. */
    public Builder clusterDefaults(Map<String, String> values) {
      this.clusterDefaults = Map.copyOf(values);
      return this;
    }

    /** Settings from a pipeline file. */
    public Builder pipelineConf(Map<String, String> values) {
      this.pipelineConf = Map.copyOf(values);
      return this;
    }

    /** {@code --conf k=v} settings; they win over every other source. */
    public Builder commandLineConf(Map<String, String> values) {
      this.commandLineConf = Map.copyOf(values);
      return this;
    }

    /** Reads a {@code spark-defaults.conf} file (whitespace- or '='-separated properties). */
    public Builder clusterDefaultsFile(Path file) {
      if (file == null) {
        return this;
      }
      if (!Files.isRegularFile(file)) {
        throw new UsageException("Cannot read cluster config " + file + ": no such file");
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UsageException("Cannot read cluster config " + file + ": " + e.getMessage());
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        values.put(key.trim(), properties.getProperty(key).trim());
      }
      return clusterDefaults(values);
    }

    public SparkSettings build() {
      return new SparkSettings(this);
    }
  }
}
