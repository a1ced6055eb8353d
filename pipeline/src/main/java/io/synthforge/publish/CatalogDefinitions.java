package io.synthforge.publish;

import java.net.URI;
import java.util.Map;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;
import scala.Tuple2;

/** Changed copies of Spark's catalog table definitions (Scala case classes, whose named copy Java cannot call). */
final class CatalogDefinitions {
  private CatalogDefinitions() {}

  /**
   * {@code table} at {@code location} with exactly {@code properties}; everything else (schema, format, options,
   * owner, creation time) unchanged.
   */
  static CatalogTable relocated(CatalogTable table, URI location, Map<String, String> properties) {
    CatalogTable moved = table.withNewStorage(Option.apply(location), table.storage().inputFormat(),
        table.storage().outputFormat(), table.storage().compressed(), table.storage().serde(),
        table.storage().properties());
    return moved.copy(moved.identifier(), moved.tableType(), moved.storage(), moved.schema(), moved.provider(),
        moved.partitionColumnNames(), moved.bucketSpec(), moved.owner(), moved.createTime(), moved.lastAccessTime(),
        moved.createVersion(), scalaMap(properties), moved.stats(), moved.viewText(), moved.comment(),
        moved.unsupportedFeatures(), moved.tracksPartitionsInCatalog(), moved.schemaPreservesCase(),
        moved.ignoredProperties(), moved.viewOriginalText());
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> properties) {
    scala.collection.immutable.Map<String, String> map = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      map = map.$plus(new Tuple2<>(entry.getKey(), entry.getValue()));
    }
    return map;
  }
}
