package io.synthforge.jobs;

import io.synthforge.api.UsageException;
import io.synthforge.conf.SparkSessions;
import io.synthforge.constraint.ConstraintsFile;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.io.Storage;
import io.synthforge.model.ModelFamilies;
import io.synthforge.model.ModelFamily;
import io.synthforge.schema.ModelManifest;
import io.synthforge.train.TrainingListener;
import io.synthforge.train.TrainingOptions;
import io.synthforge.train.TrainingResult;
import io.synthforge.train.distributed.TrainingMaster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge train}: fits a generative model on an ingested dataset by parameter averaging on Spark. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a generative model (ctgan, tvae) on a dataset across Spark executors by parameter averaging.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--dataset", required = true, paramLabel = "URI", description = "Dataset directory written by 'ingest'.")
  String dataset;

  @Option(names = "--model", required = true, description = "Model family: ctgan or tvae.")
  String model;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Model directory (bundle and checkpoints).")
  String out;

  @Option(names = "--workers", description = "Parallel workers per round (default: Spark's default parallelism).")
  Integer workers;

  @Option(names = "--batch-per-worker", defaultValue = "500", description = "Rows per local step on each worker (default: ${DEFAULT-VALUE}).")
  int batchPerWorker;

  @Option(names = "--averaging-frequency", defaultValue = "5", description = "Local steps between parameter averages (default: ${DEFAULT-VALUE}).")
  int averagingFrequency;

  @Option(names = "--epochs", defaultValue = "100", description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
  double epochs;

  @Option(names = "--seed", defaultValue = "42", description = "Root seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--checkpoint-every", defaultValue = "20", paramLabel = "ROUNDS", description = "Rounds between checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--resume", description = "Continue from the last complete checkpoint in --out.")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace a model already in --out.")
  boolean overwrite;

  @Option(names = "--validation-share", defaultValue = "0.1", description = "Share of rows held out for the validation signal (default: ${DEFAULT-VALUE}).")
  double validationShare;

  @Option(names = "--oversample-below", defaultValue = "0", paramLabel = "SHARE",
      description = "Draw every label category rarer than SHARE at SHARE of each training batch (e.g. 0.05 for a "
          + "0.1%% fraud label); sampling keeps the real label rates. 0 turns it off (default: ${DEFAULT-VALUE}).")
  double oversampleBelow;

  @Option(names = "--validate-every", defaultValue = "0", paramLabel = "ROUNDS", description = "Rounds between validations (default: about once per epoch).")
  int validateEvery;

  @Option(names = "--patience", defaultValue = "0", description = "Stop after this many validations without improvement (default: ${DEFAULT-VALUE}, off).")
  int patience;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A hyperparameter of the model (repeatable); see 'synthforge train --list-params --model M'.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--learning-rate", description = "Sets every learning rate of the model (keys ending in 'lr' or 'learning-rate').")
  Double learningRate;

  @Option(names = "--beta1", description = "Sets every Adam beta1 of the model.")
  Double beta1;

  @Option(names = "--beta2", description = "Sets every Adam beta2 of the model.")
  Double beta2;

  @Option(names = "--constraints", paramLabel = "FILE",
      description = "YAML file with a 'constraints:' list (e.g. 'c = a - b when t in (X, Y)', 'a <= b', 'fixed combinations "
          + "(x, y)'): checked on the real rows, then enforced on the generated ones.")
  String constraintsFile;

  @Option(names = "--relations", paramLabel = "off|suggest|enforce",
      description = "The relations ingest found: off (ignore), suggest (measure only) or enforce (those holding on 99.9%% "
          + "of the rows) (default: as ingest recorded them).")
  String relations;

  @Option(names = "--max-constraint-violations", defaultValue = "0.01", paramLabel = "SHARE",
      description = "Refuse a declared constraint broken by more than this share of the real rows it applies to "
          + "(default: ${DEFAULT-VALUE}).")
  double maxConstraintViolations;

  @Option(names = "--list-params", description = "Print the model's hyperparameters and defaults, then exit.")
  boolean listParams;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  private static String constraintsLine(ModelManifest manifest) {
    if (manifest.getConstraints().isEmpty()) {
      return "";
    }
    long enforced = manifest.getConstraints().stream().filter(relation -> relation.getEnforced()).count();
    return String.format(Locale.ROOT, " Constraints: %d (%d enforced); derived rather than generated: %s.",
        manifest.getConstraints().size(), enforced,
        manifest.getDerivedColumns().isEmpty() ? "none" : String.join(", ", manifest.getDerivedColumns()));
  }

  @Override
  public Integer call() {
    ModelFamily family = ModelFamilies.named(model);
    if (listParams) {
      family.defaults().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(entry -> spec.commandLine().getOut().println(entry.getKey() + "=" + entry.getValue()));
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    }
    Map<String, String> hyperparameters = new LinkedHashMap<>();
    for (String key : family.defaults().keySet()) {
      if (learningRate != null && (key.endsWith("lr") || key.endsWith("learning-rate"))) {
        hyperparameters.put(key, learningRate.toString());
      }
      if (beta1 != null && key.endsWith("beta1")) {
        hyperparameters.put(key, beta1.toString());
      }
      if (beta2 != null && key.endsWith("beta2")) {
        hyperparameters.put(key, beta2.toString());
      }
    }
    hyperparameters.putAll(params);
    family.spec(hyperparameters);
    RelationsMode relationsMode = relations == null ? null : RelationsMode.parse(relations);
    SparkSession spark = SparkSessions.start(sparkOptions.settings("train " + model, false));
    try {
      List<String> constraints = List.of();
      if (constraintsFile != null) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        org.apache.hadoop.fs.Path path = storage.qualify(constraintsFile);
        if (!storage.exists(path)) {
          throw new UsageException("Cannot read constraints file " + constraintsFile + ": no such file");
        }
        constraints = ConstraintsFile.parse(storage.readText(path), constraintsFile);
      }
      int resolvedWorkers = workers != null ? workers : spark.sparkContext().defaultParallelism();
      TrainingOptions options = TrainingOptions.builder(dataset, model, out)
          .hyperparameters(hyperparameters)
          .workers(resolvedWorkers)
          .batchPerWorker(batchPerWorker)
          .averagingFrequency(averagingFrequency)
          .epochs(epochs)
          .seed(seed)
          .checkpointEvery(checkpointEvery)
          .resume(resume)
          .overwrite(overwrite)
          .validationShare(validationShare)
          .oversampleBelow(oversampleBelow)
          .validateEvery(validateEvery)
          .patience(patience)
          .constraints(constraints)
          .relations(relationsMode)
          .maxConstraintViolations(maxConstraintViolations)
          .build();
      TrainingResult result = new TrainingMaster(spark).train(options, TrainingListener.none());
      ModelManifest manifest = result.manifest();
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "Trained %s on %s: %,d training rows (%,d held out), %d workers, %d rounds = %.1f epochs (%s%s), %,d examples in %s "
              + "(%,.0f examples/s); final losses %s%s. Wrote the model bundle to %s. Run %s.",
          manifest.getFamily(), manifest.getDatasetUri(), manifest.getTrainingRows(), manifest.getValidationRows(),
          options.workers(), manifest.getRounds(), manifest.getEpochsCompleted(), manifest.getStopReason(),
          result.resumedFromRound() > 0 ? ", resumed after round " + result.resumedFromRound() : "",
          manifest.getExamplesSeen(), IngestCommand.seconds(manifest.getWallTimeMs()),
          manifest.getExamplesSeen() / Math.max(0.001, manifest.getWallTimeMs() / 1000.0), manifest.getFinalLosses(),
          manifest.getBestValidationLoss() == null ? "" : String.format(Locale.ROOT, ", best validation loss %.4f", manifest.getBestValidationLoss()),
          result.modelUri(), manifest.getRunId()) + constraintsLine(manifest));
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }
}
