package io.synthforge.model;

import io.synthforge.api.UsageException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The model families synthforge knows, by name: every {@link ModelFamily} listed in
 * {@code META-INF/services/io.synthforge.model.ModelFamily}. A new family is one new sub-package under
 * {@code model/} and one line in that file.
 */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> FAMILIES = load();

  private ModelFamilies() {}

  private static Map<String, ModelFamily> load() {
    Map<String, ModelFamily> families = new TreeMap<>();
    for (ModelFamily family : ServiceLoader.load(ModelFamily.class, ModelFamilies.class.getClassLoader())) {
      families.put(family.name(), family);
    }
    return families;
  }

  /** The family called {@code name}; an unknown name is a usage error listing the known ones. */
  public static ModelFamily named(String name) {
    ModelFamily family = FAMILIES.get(name);
    if (family == null) {
      throw new UsageException("Cannot use model '" + name + "': known models are " + FAMILIES.keySet());
    }
    return family;
  }

  /** The names of all families. */
  public static List<String> names() {
    return List.copyOf(FAMILIES.keySet());
  }
}
