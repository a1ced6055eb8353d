package io.synthforge.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One precedence, highest first: --conf, the pipeline file, the cluster-config file, synthforge's defaults. */
class SparkSettingsTest {
  @TempDir
  Path dir;

  private SparkSettings layered() throws Exception {
    Path defaults = Files.writeString(dir.resolve("spark-defaults.conf"), String.join("\n",
        "# cluster-config style: whitespace- or '='-separated",
        "spark.sql.shuffle.partitions          64",
        "spark.task.maxFailures=7",
        "spark.synthforge.test.layer           cluster-config",
        ""));
    return SparkSettings.builder("SparkSettingsTest").master("local[1]").warehouse(dir.resolve("warehouse").toString())
        .clusterDefaultsFile(defaults)
        .pipelineConf(Map.of("spark.task.maxFailures", "5", "spark.synthforge.test.layer", "pipeline"))
        .commandLineConf(Map.of("spark.synthforge.test.layer", "command-line"))
        .build();
  }

  @Test
  void theCommandLineWinsOverThePipelineFileWhichWinsOverTheClusterConfig() throws Exception {
    Map<String, String> conf = layered().conf();
    assertEquals("command-line", conf.get("spark.synthforge.test.layer"));
    assertEquals("5", conf.get("spark.task.maxFailures"));
    assertEquals("64", conf.get("spark.sql.shuffle.partitions"));
  }

  @Test
  void theSessionSeesTheResolvedSettingsOverSynthforgesDefaults() throws Exception {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    SparkSession spark = SparkSessions.start(layered());
    try {
      assertEquals("command-line", spark.conf().get("spark.synthforge.test.layer"));
      assertEquals("5", spark.sparkContext().getConf().get("spark.task.maxFailures"));
      // synthforge's own default for local masters is 8 shuffle partitions; the cluster-config file beats it.
      assertEquals("64", spark.conf().get("spark.sql.shuffle.partitions"));
      assertEquals("UTC", spark.conf().get("spark.sql.session.timeZone"));
    } finally {
      spark.stop();
    }
  }

  @Test
  void aMissingClusterConfigIsAUsageError() {
    UsageException error = assertThrows(UsageException.class,
        () -> SparkSettings.builder("x").clusterDefaultsFile(dir.resolve("nowhere.conf")));
    assertEquals("Cannot read cluster config " + dir.resolve("nowhere.conf") + ": no such file", error.getMessage());
  }
}
