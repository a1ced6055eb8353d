package io.synthforge.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/** The versions and platform recorded in every manifest. */
public final class Platform {
  private Platform() {}

  /** The version of synthforge (from the jar manifest; "dev" when run from classes). */
  public static String synthforgeVersion() {
    String version = Platform.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** synthforge, Spark, Scala and Java versions. */
  public static Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("synthforge", synthforgeVersion());
    versions.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("java", System.getProperty("java.version"));
    return versions;
  }

  /** Operating system, architecture and processor count of the driver, plus the Spark master. */
  public static Map<String, String> describe(String master) {
    Map<String, String> platform = new LinkedHashMap<>();
    platform.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    platform.put("arch", System.getProperty("os.arch"));
    platform.put("driver_cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    platform.put("spark_master", master);
    return platform;
  }
}
