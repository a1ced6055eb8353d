package io.synthforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Task results come back to the driver through spark.serializer, Kryo in every cluster config. */
class WrittenPartTest {
  @Test
  void survivesSparksKryo() {
    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    WrittenPart part = new WrittenPart(3, "hdfs://nn/t/_attempts/3-17",
        List.of("part-00003-c000.zstd.parquet", "part-00003-c001.zstd.parquet"), 2_500_000L);

    ByteBuffer bytes = kryo.serialize(part, ClassTag$.MODULE$.apply(WrittenPart.class));
    WrittenPart back = kryo.deserialize(bytes, ClassTag$.MODULE$.apply(WrittenPart.class));

    assertEquals(3, back.partition());
    assertEquals("hdfs://nn/t/_attempts/3-17", back.attemptDir());
    assertEquals(List.of("part-00003-c000.zstd.parquet", "part-00003-c001.zstd.parquet"), back.files());
    assertEquals(2_500_000L, back.rows());
  }
}
