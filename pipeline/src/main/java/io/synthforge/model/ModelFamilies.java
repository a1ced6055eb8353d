package io.synthforge.model;

import io.synthforge.api.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model families synthforge knows, by name. A new family is one new sub-package and one line here. */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> FAMILIES = new LinkedHashMap<>();

  static {
    for (ModelFamily family : List.<ModelFamily>of()) {
      FAMILIES.put(family.name(), family);
    }
  }

  private ModelFamilies() {}

  /** The family called {@code name}; an unknown name is a usage error listing the known ones. */
  public static ModelFamily named(String name) {
    ModelFamily family = FAMILIES.get(name);
    if (family == null) {
      throw new UsageException("Cannot train model '" + name + "': known models are " + FAMILIES.keySet());
    }
    return family;
  }

  /** The names of all families. */
  public static List<String> names() {
    return List.copyOf(FAMILIES.keySet());
  }
}
