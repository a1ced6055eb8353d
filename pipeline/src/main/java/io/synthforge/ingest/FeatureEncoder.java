package io.synthforge.ingest;

import io.synthforge.api.TableMetadata;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Encodes typed rows into the normalised feature vectors the models train on, stored in the compact form of
 * {@link OutputLayout#compact} (one value per span). The fitted transformer is
 * shipped as its JSON (a small, explicit snapshot) and rebuilt once per partition.
 */
public final class FeatureEncoder {
  private FeatureEncoder() {}

  /** The feature vector of every row of {@code rows} (laid out as {@code table}), encoded on the executors. */
  public static Dataset<Row> encode(SparkSession spark, Dataset<Row> rows, TableMetadata table, String transformerJson) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<String> shipped = context.broadcast(transformerJson);
    int width = table.columns().size();
    JavaRDD<Row> features = rows.toJavaRDD().mapPartitions(partition -> {
      TableTransformer transformer = TransformerCodec.fromJson(shipped.value());
      OutputLayout layout = transformer.layout();
      Object[] values = new Object[width];
      float[] dense = new float[layout.width()];
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return partition.hasNext();
        }

        @Override
        public Row next() {
          Row row = partition.next();
          for (int i = 0; i < width; i++) {
            values[i] = row.get(i);
          }
          transformer.encodeInto(values, dense, 0);
          float[] compact = new float[layout.spans().size()];
          layout.compact(dense, 0, compact, 0);
          return RowFactory.create((Object) compact);
        }
      };
    });
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField(DatasetLayout.FEATURES_COLUMN, DataTypes.createArrayType(DataTypes.FloatType, false), false)});
    return spark.createDataFrame(features, schema);
  }
}
