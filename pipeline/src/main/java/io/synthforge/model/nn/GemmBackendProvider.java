package io.synthforge.model.nn;

/**
 * A service ({@code META-INF/services/io.synthforge.model.nn.GemmBackendProvider}) that creates a named
 * {@link GemmBackend}. Implementations must not touch native libraries before {@link #create()}, so that being on
 * the classpath costs nothing when another backend is selected.
 */
public interface GemmBackendProvider {
  /** The backend's name, as {@code synthforge.blas} selects it. */
  String name();

  /** A new backend, owning its own native buffers (and, for a GPU, its own handle and stream). */
  GemmBackend create();
}
