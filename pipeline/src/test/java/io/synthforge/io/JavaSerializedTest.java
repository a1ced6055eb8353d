package io.synthforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Snapshots with immutable collections reach executors through Spark's Kryo serializer (every cluster-config's). */
class JavaSerializedTest {
  /** Shaped like the broadcast snapshots: immutable collections in final fields. */
  static final class Snapshot implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, String> spec;
    final List<String> names;

    Snapshot(Map<String, String> spec, List<String> names) {
      this.spec = Map.copyOf(spec);
      this.names = List.copyOf(names);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Snapshot && spec.equals(((Snapshot) other).spec) && names.equals(((Snapshot) other).names);
    }

    @Override
    public int hashCode() {
      return Objects.hash(spec, names);
    }
  }

  private static final Snapshot SNAPSHOT = new Snapshot(Map.of("pac", "10", "embedding-dim", "128"), List.of("a", "b", "c"));

  private static <T> T throughKryo(T value) {
    SerializerInstance kryo = new KryoSerializer(new SparkConf(false)).newInstance();
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void kryoCannotRebuildImmutableCollectionsButShipsTheBytes() {
    // Why the wrapper exists: Kryo instantiates Map.copyOf's class and calls put on it.
    Exception direct = assertThrows(Exception.class, () -> throughKryo(SNAPSHOT));
    assertTrue(direct.toString().contains("UnsupportedOperationException")
        || String.valueOf(direct.getCause()).contains("UnsupportedOperationException"), direct.toString());

    JavaSerialized<Snapshot> shipped = throughKryo(JavaSerialized.of(SNAPSHOT));
    assertEquals(SNAPSHOT, shipped.get());
    assertSame(shipped.get(), shipped.get(), "decoded once per instance");
  }

  @Test
  void theDriverKeepsItsOwnValueAndAnUnserializableOneFailsThere() {
    JavaSerialized<Snapshot> local = JavaSerialized.of(SNAPSHOT);
    assertSame(SNAPSHOT, local.get());
    assertTrue(local.size() > 0);

    UncheckedIOException error = assertThrows(UncheckedIOException.class,
        () -> JavaSerialized.of(new java.util.ArrayList<Object>(List.of(new Object()))));
    assertTrue(error.getMessage().startsWith("Cannot serialize java.util.ArrayList: "), error.getMessage());
  }
}
