package io.synthforge.sample;

import io.synthforge.model.GenerativeModel;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.TableTransformer;
import java.io.Serializable;

/**
 * Builds the generator of a {@link ModelSnapshot} on an executor. The default goes through the family registry
 * ({@link ModelBundle#instantiate}); tests pass their own implementation instead of registering a family.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
  /** The registry's factory: the snapshot's family, with the trained state loaded. */
  ModelFactory BUNDLED = new Bundled();

  /** A ready-to-generate model of {@code snapshot}, whose data {@code transformer} encodes. */
  GenerativeModel create(ModelSnapshot snapshot, TableTransformer transformer);

  /** The default factory, a named class so that it serialises without capturing anything. */
  final class Bundled implements ModelFactory {
    private static final long serialVersionUID = 1L;

    private Bundled() {}

    @Override
    public GenerativeModel create(ModelSnapshot snapshot, TableTransformer transformer) {
      return ModelBundle.instantiate(snapshot.family(), snapshot.spec(), transformer, snapshot.seed(), snapshot.state());
    }

    private Object readResolve() {
      return BUNDLED;
    }
  }
}
