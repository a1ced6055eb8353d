package io.synthforge.jobs;

import io.synthforge.api.UsageException;
import io.synthforge.conf.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every Spark job takes: where to run, extra Spark settings and where the warehouse lives. */
public final class SparkOptions {
  @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting passed through (repeatable); wins over cluster-config and pipeline files.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--warehouse", paramLabel = "URI", defaultValue = "${env:SYNTHFORGE_WAREHOUSE:-warehouse}",
      description = "Warehouse directory (any Hadoop URI) for tables and the embedded metastore (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--cluster-config", paramLabel = "FILE", defaultValue = "${env:SYNTHFORGE_CLUSTER_CONFIG}",
      description = "A spark-defaults.conf with this cluster's settings (default: $SYNTHFORGE_CLUSTER_CONFIG, if set).")
  String clusterConfig;

  /** The settings of a job called {@code appName}. */
  SparkSettings settings(String appName, boolean catalog) {
    return settings(appName, catalog, Map.of());
  }

  /** The settings of a job whose pipeline file adds {@code pipelineConf} (below --conf, above cluster defaults). */
  SparkSettings settings(String appName, boolean catalog, Map<String, String> pipelineConf) {
    Path defaults = null;
    if (clusterConfig != null && !clusterConfig.isBlank()) {
      defaults = Path.of(clusterConfig);
      if (Files.isDirectory(defaults)) {
        defaults = defaults.resolve("spark-defaults.conf");
      }
      if (!Files.isRegularFile(defaults)) {
        throw new UsageException("Cannot read cluster config " + clusterConfig + ": no such file");
      }
    }
    return SparkSettings.builder("synthforge " + appName)
        .master(master)
        .warehouse(warehouse)
        .catalog(catalog)
        .clusterDefaultsFile(defaults)
        .pipelineConf(pipelineConf)
        .commandLineConf(conf)
        .build();
  }
}
