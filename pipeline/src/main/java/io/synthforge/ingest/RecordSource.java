package io.synthforge.ingest;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/** Records of one input, split into text fields laid out as {@link #columns()}. */
public interface RecordSource {
  /** The column names, in the order of each record's fields. */
  List<String> columns();

  /** The records, read lazily on Spark. */
  JavaRDD<RawRecord> records();
}
