package io.synthforge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.conf.SparkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The per-environment settings in cluster-config/ parse, and say what the guides say they say. */
class ClusterConfigTest {
  private static final Path ROOT = Path.of(System.getProperty("synthforge.root", "..")).toAbsolutePath();

  private static Path config(String relative) {
    Path path = ROOT.resolve("cluster-config").resolve(relative);
    if (!Files.exists(path)) {
      path = Path.of("..").toAbsolutePath().normalize().resolve("cluster-config").resolve(relative);
    }
    return path;
  }

  private static Map<String, String> defaults(String environment) {
    return SparkSettings.builder("test").clusterDefaultsFile(config(environment + "/spark-defaults.conf")).build().conf();
  }

  @Test
  void everyEnvironmentDisablesDynamicAllocationAndReservesOffHeapMemory() {
    for (String environment : new String[] {"standalone", "yarn", "k8s", "gpu"}) {
      Map<String, String> conf = defaults(environment);
      assertEquals("false", conf.get("spark.dynamicAllocation.enabled"), environment);
      assertTrue(conf.containsKey("spark.executor.memoryOverhead"), environment);
      assertTrue(conf.containsKey("spark.task.cpus"), environment);
      // MultiJvmClusterTest runs training and sampling on separate executor JVMs with this serializer.
      assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"), environment);
    }
  }

  @Test
  void kerberosIdentityIsPassedThroughNeverStored() throws IOException {
    String submit = Files.readString(config("yarn/submit.sh"));
    assertTrue(submit.contains("--deploy-mode cluster"), submit);
    assertTrue(submit.contains("--principal \"$PRINCIPAL\" --keytab"), submit);
    for (String environment : new String[] {"local", "standalone", "yarn", "k8s", "gpu"}) {
      String defaults = Files.readString(config(environment + "/spark-defaults.conf"));
      assertTrue(!defaults.contains("keytab") && !defaults.contains("principal"), environment + " stores no identity");
    }
  }

  @Test
  void gpuExecutorsRunOneTaskPerGpu() {
    Map<String, String> conf = defaults("gpu");
    assertEquals("1", conf.get("spark.executor.resource.gpu.amount"));
    assertEquals("1", conf.get("spark.task.resource.gpu.amount"));
    assertTrue(Files.isExecutable(config("gpu/getGpusResources.sh")));
  }

  @Test
  void theAirflowDagIsValidPython() throws IOException, InterruptedException {
    Path dag = config("airflow/synthforge_fraud_dag.py");
    String source = Files.readString(dag);
    assertTrue(source.contains("ingest >> train >> sample >> evaluate"));
    assertTrue(source.contains("SparkSubmitOperator(") && source.contains("\"retries\":"), "spark-submit tasks with retries");
    Process process;
    try {
      process = new ProcessBuilder("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
          dag.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed: " + e.getMessage());
      return;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
  }
}
