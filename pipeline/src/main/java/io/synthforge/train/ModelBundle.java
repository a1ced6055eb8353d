package io.synthforge.train;

import io.synthforge.api.AvroTableSchemas;
import io.synthforge.api.SynthforgeException;
import io.synthforge.api.TableMetadata;
import io.synthforge.api.UsageException;
import io.synthforge.constraint.ConstraintCodec;
import io.synthforge.constraint.ConstraintSet;
import io.synthforge.io.Storage;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.provenance.AvroJson;
import io.synthforge.schema.ModelManifest;
import io.synthforge.transform.TableTransformer;
import io.synthforge.transform.TransformerCodec;
import org.apache.hadoop.fs.Path;

/**
 * A trained model on disk, on any Hadoop file system:
 * <pre>
 *   manifest.json        provenance (Avro JSON, schemas/artifacts/model_manifest.avsc)
 *   schema.avsc          the table schema with column roles
 *   transformer.json     the fitted reversible transformer (without the columns the constraints derive)
 *   constraints.json     declared constraints and discovered relations, with their support (when there are any)
 *   state/               the networks' parameters and optimiser state (ND4J binary arrays)
 *   training-log.jsonl   one line per training round (schemas/artifacts/training_round.avsc)
 *   checkpoints/         round-NNNNNN/ directories written during training (see CheckpointStore)
 * </pre>
 * Loading refuses a format version it does not know.
 */
public final class ModelBundle {
  /** Layout version written by this release. */
  public static final int FORMAT_VERSION = 2;
  /**
   * The oldest layout this release reads. Version 2 added {@code constraints.json}: a model whose layout leaves out
   * the columns its constraints derive cannot be sampled without it, so a release that knows only version 1 must
   * refuse it.
   */
  public static final int OLDEST_FORMAT_VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String SCHEMA = "schema.avsc";
  static final String TRANSFORMER = "transformer.json";
  static final String STATE = "state";
  static final String TRAINING_LOG = "training-log.jsonl";
  static final String CONSTRAINTS = "constraints.json";

  private final Path root;
  private final ModelManifest manifest;
  private final TableMetadata table;
  private final String transformerJson;
  private final ModelState state;
  private final String constraintsJson;

  private ModelBundle(Path root, ModelManifest manifest, TableMetadata table, String transformerJson, ModelState state,
      String constraintsJson) {
    this.constraintsJson = constraintsJson;
    this.root = root;
    this.manifest = manifest;
    this.table = table;
    this.transformerJson = transformerJson;
    this.state = state;
  }

  /** Loads the bundle at {@code uri}; a missing bundle or an unknown format version is a usage error. */
  public static ModelBundle load(Storage storage, String uri) {
    Path root = storage.qualify(uri);
    Path manifestPath = new Path(root, MANIFEST);
    if (!storage.exists(manifestPath)) {
      throw new UsageException("Cannot load model " + uri + ": no model bundle there (train one with 'synthforge train')");
    }
    ModelManifest manifest = AvroJson.read(storage.readText(manifestPath), ModelManifest.class,
        ModelManifest.getClassSchema(), manifestPath.toString());
    if (manifest.getFormatVersion() < OLDEST_FORMAT_VERSION || manifest.getFormatVersion() > FORMAT_VERSION) {
      throw new UsageException("Cannot load model " + uri + ": bundle format version " + manifest.getFormatVersion()
          + " is not supported (expected " + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION + ")");
    }
    TableMetadata table = AvroTableSchemas.parse(storage.readText(new Path(root, SCHEMA)), new Path(root, SCHEMA).toString());
    String transformerJson = storage.readText(new Path(root, TRANSFORMER));
    ModelState state = ModelStateIo.read(storage, new Path(root, STATE));
    Path constraints = new Path(root, CONSTRAINTS);
    String constraintsJson = storage.exists(constraints) ? storage.readText(constraints) : null;
    return new ModelBundle(root, manifest, table, transformerJson, state, constraintsJson);
  }

  /** Writes a complete bundle into {@code dir} (normally a staging directory committed afterwards). */
  public static void write(Storage storage, Path dir, ModelManifest manifest, TableMetadata table, String transformerJson,
      ModelState state, java.util.List<java.util.Map<String, Object>> trainingLog) {
    write(storage, dir, manifest, table, transformerJson, state, trainingLog, ConstraintSet.empty(table));
  }

  /** Writes a complete bundle whose model generates rows under {@code constraints} (written when it has rules). */
  public static void write(Storage storage, Path dir, ModelManifest manifest, TableMetadata table, String transformerJson,
      ModelState state, java.util.List<java.util.Map<String, Object>> trainingLog, ConstraintSet constraints) {
    Path constraintsFile = new Path(dir, CONSTRAINTS);
    if (constraints.rules().isEmpty()) {
      storage.deleteIfExists(constraintsFile);
    } else {
      storage.writeText(constraintsFile, ConstraintCodec.toJson(constraints));
    }
    storage.writeText(new Path(dir, SCHEMA), AvroTableSchemas.toAvro(table, "io.synthforge.schema.tables").toString(true) + "\n");
    storage.writeText(new Path(dir, TRANSFORMER), transformerJson);
    ModelStateIo.write(storage, new Path(dir, STATE), state);
    storage.writeText(new Path(dir, TRAINING_LOG), TrainingLog.toJsonLines(trainingLog));
    // The manifest goes last: a bundle without one is incomplete and is not loaded.
    storage.writeText(new Path(dir, MANIFEST), AvroJson.write(manifest));
  }

  /** The bundle's directory. */
  public Path root() {
    return root;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  public TableMetadata table() {
    return table;
  }

  /** The fitted transformer (parsed anew on each call; cheap, and callers often ship the JSON instead). */
  public TableTransformer transformer() {
    return TransformerCodec.fromJson(transformerJson);
  }

  /** The transformer as JSON, the small snapshot to broadcast to executors. */
  public String transformerJson() {
    return transformerJson;
  }

  public ModelState state() {
    return state;
  }

  /**
   * The constraints the model was trained under (declared and discovered, enforced or only measured); empty for a
   * bundle without {@code constraints.json}.
   */
  public ConstraintSet constraints() {
    if (constraintsJson == null) {
      return ConstraintSet.empty(table);
    }
    return ConstraintCodec.fromJson(constraintsJson, table, ConstraintSet.categories(transformer()),
        new Path(root, CONSTRAINTS).toString());
  }

  /** The per-round training log (losses, examples/s, wall time, validation loss). */
  public java.util.List<java.util.Map<String, Object>> trainingLog(Storage storage) {
    Path log = new Path(root, TRAINING_LOG);
    return storage.exists(log) ? TrainingLog.fromJsonLines(storage.readText(log)) : java.util.List.of();
  }

  /** The resolved hyperparameters. */
  public ModelSpec spec() {
    ModelFamily family = ModelFamilies.named(manifest.getFamily());
    return family.storedSpec(manifest.getSpec());
  }

  /** A ready-to-use model with the trained state loaded. */
  public GenerativeModel instantiate() {
    return instantiate(manifest.getFamily(), manifest.getSpec(), transformer(), manifest.getSeed(), state);
  }

  /** Builds a model of {@code family} and loads {@code state}: what executors do with a broadcast bundle. */
  public static GenerativeModel instantiate(String family, java.util.Map<String, String> spec, TableTransformer transformer,
      long seed, ModelState state) {
    ModelFamily modelFamily = ModelFamilies.named(family);
    GenerativeModel model = modelFamily.create(modelFamily.storedSpec(spec), transformer, seed);
    try {
      model.load(state);
    } catch (RuntimeException e) {
      throw new SynthforgeException("Cannot load the trained state into a " + family + " model: " + e.getMessage(), e);
    }
    return model;
  }
}
