import org.apache.spark.sql.*;

/**
 * Analysis helper, not part of the build: registers directories as views (NAME=DIR; CSV with a header when the
 * directory holds the demo log's CSV, Parquet otherwise) and prints the result of each SQL statement after "--".
 */
public class Sql {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    int i = 0;
    for (; i < args.length && !args[i].equals("--"); i++) {
      String[] kv = args[i].split("=", 2);
      boolean csv;
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(kv[1]))) {
        csv = files.anyMatch(f -> f.toString().endsWith(".csv"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Dataset<Row> d = csv
          ? spark.read().option("header", "true").option("inferSchema", "true").csv(kv[1])
          : spark.read().option("recursiveFileLookup", "true").parquet(kv[1]);
      d.createOrReplaceTempView(kv[0]);
    }
    for (i++; i < args.length; i++) {
      System.out.println("> " + args[i]);
      spark.sql(args[i]).show(100, false);
    }
    spark.stop();
  }
}
