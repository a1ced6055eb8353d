package io.synthforge.ingest;

import org.apache.hadoop.fs.Path;

/**
 * The files of one dataset directory, written by {@code ingest} and read by {@code train}:
 * <pre>
 *   rows/            typed rows (Parquet), described by schema.avsc
 *   features/        normalised feature vectors ready for training (Parquet, column "features")
 *   holdout/         typed rows kept apart for evaluation (--holdout-share), never fitted on (Parquet)
 *   quarantine/      rejected records with source, offset, raw text and reason (Parquet)
 *   schema.avsc      the table's Avro schema with column roles
 *   transformer.json the fitted reversible transformer
 *   relations.yaml   the relations found in the rows, with their support, for review (also in the manifest)
 *   manifest.json    provenance (Avro JSON, schemas/artifacts/dataset_manifest.avsc)
 * </pre>
 * A corpus dataset (images, audio, text) has rows/, holdout/, quarantine/ and schema.avsc (the Avro record of
 * its rows, schemas/corpora/) and, instead of the transformer, relations and manifest.json, {@code corpus.json}
 * (schemas/artifacts/corpus_manifest.avsc).
 */
public final class DatasetLayout {
  /** Version of this layout; readers refuse versions they do not know. */
  public static final int FORMAT_VERSION = 1;
  /** Name of the feature vector column in {@code features/}. */
  public static final String FEATURES_COLUMN = "features";

  private final Path root;

  private DatasetLayout(Path root) {
    this.root = root;
  }

  /** The layout of the dataset at {@code root}. */
  public static DatasetLayout at(Path root) {
    return new DatasetLayout(root);
  }

  public Path root() {
    return root;
  }

  public Path rows() {
    return new Path(root, "rows");
  }

  public Path features() {
    return new Path(root, "features");
  }

  public Path holdout() {
    return new Path(root, "holdout");
  }

  public Path quarantine() {
    return new Path(root, "quarantine");
  }

  public Path schema() {
    return new Path(root, "schema.avsc");
  }

  public Path transformer() {
    return new Path(root, "transformer.json");
  }

  public Path relations() {
    return new Path(root, "relations.yaml");
  }

  public Path manifest() {
    return new Path(root, "manifest.json");
  }

  /** The manifest of a corpus dataset. */
  public Path corpusManifest() {
    return new Path(root, "corpus.json");
  }
}
