package io.synthforge.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A value shipped to executors as Java-serialized bytes, whatever {@code spark.serializer} says.
 *
 * <p>Why: broadcasts travel through {@code spark.serializer}, and every cluster-config sets Kryo. Kryo rebuilds a
 * collection by instantiating its class and calling {@code add}/{@code put}, which the JDK's immutable collections
 * ({@code List.copyOf}, {@code Map.copyOf}) refuse, so an immutable snapshot broadcast as is fails on the executors
 * (local mode never notices: its tasks read the driver's own copy). Kryo ships this wrapper's bytes untouched, and
 * Java serialization restores immutable collections through their serialization proxies. The value is decoded
 * once per wrapper instance, i.e. once per executor for a broadcast.
 */
public final class JavaSerialized<T extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private transient volatile T value;

  private JavaSerialized(byte[] bytes, T value) {
    this.bytes = bytes;
    this.value = value;
  }

  /** Serializes {@code value} now (so a value that cannot be shipped fails on the driver, not on an executor). */
  public static <T extends Serializable> JavaSerialized<T> of(T value) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    return new JavaSerialized<>(buffer.toByteArray(), value);
  }

  /** The value (on an executor: decoded on first use, with the task's class loader). */
  @SuppressWarnings("unchecked")
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          try (ObjectInputStream in = new ContextClassLoaderInput(new ByteArrayInputStream(bytes))) {
            current = (T) in.readObject();
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot deserialize a shipped value: " + e.getMessage(), e);
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot deserialize a shipped value: class " + e.getMessage()
                + " is not on this JVM's classpath", e);
          }
          value = current;
        }
      }
    }
    return current;
  }

  /** The serialized size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** Resolves classes with the thread's context class loader (Spark's loader of the application's jars). */
  private static final class ContextClassLoaderInput extends ObjectInputStream {
    ContextClassLoaderInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(description.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // Fall through to the default resolution (primitive types, the platform's classes).
        }
      }
      return super.resolveClass(description);
    }
  }
}
