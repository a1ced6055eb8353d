package io.synthforge.jobs;

import io.synthforge.conf.SparkSessions;
import io.synthforge.constraint.MiningOptions;
import io.synthforge.constraint.RelationsMode;
import io.synthforge.ingest.CsvOptions;
import io.synthforge.ingest.IngestJob;
import io.synthforge.ingest.IngestRequest;
import io.synthforge.ingest.IngestResult;
import io.synthforge.ingest.SourceFormat;
import io.synthforge.ingest.corpus.CorpusOptions;
import io.synthforge.transform.TransformOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthforge ingest}: a table in, a typed and normalised dataset (plus its quarantine) out. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Reads a table (csv, json lines, parquet) from any Hadoop URI, quarantines malformed records, "
        + "fits the reversible transformer and writes a dataset directory; or a corpus of images (idx, png/jpeg "
        + "folders), audio (wav) or text, decoded and normalised into Parquet records, the undecodable quarantined.")
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "URI", description = "Input file, directory or glob.")
  String input;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json, parquet, idx, images, audio or text (default: from the file name).")
  String format;

  @Option(names = "--schema", paramLabel = "FILE.avsc", description = "Avro schema with column roles (default: inferred).")
  String schema;

  @Option(names = "--dataset", paramLabel = "URI", description = "Dataset directory to write.")
  String dataset;

  @Option(names = "--infer-schema", paramLabel = "OUT.avsc", description = "Only infer the schema, write it here for review, and stop.")
  String inferSchema;

  @Option(names = "--label", paramLabel = "COLUMN", split = ",", description = "Mark these columns as labels when inferring the schema.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV field delimiter (default: '${DEFAULT-VALUE}'; \\t for tab).")
  String delimiter;

  @Option(names = "--quote", defaultValue = "\"", description = "CSV quote character (default: ${DEFAULT-VALUE}).")
  String quote;

  @Option(names = "--no-header", description = "The CSV files have no header line (column names come from --schema).")
  boolean noHeader;

  @Option(names = "--no-trim", description = "Keep blanks around unquoted CSV fields.")
  boolean noTrim;

  @Option(names = "--encoding", defaultValue = "UTF-8", description = "Text encoding of csv/json inputs (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--null-value", paramLabel = "TOKEN", split = ",", description = "Texts that mean 'missing' besides the empty field (e.g. '?').")
  List<String> nullValues = new ArrayList<>();

  @Option(names = "--max-bad-ratio", defaultValue = "0.1", description = "Fail when more than this share of records is quarantined (default: ${DEFAULT-VALUE}).")
  double maxBadRatio;

  @Option(names = "--seed", defaultValue = "42", description = "Root seed of the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--fold-rare-below", defaultValue = "0", description = "Fold categories rarer than this share into one (default: ${DEFAULT-VALUE}, off).")
  double foldRareBelow;

  @Option(names = "--holdout-share", defaultValue = "0", description = "Keep this share of accepted rows apart in holdout/ for evaluation (default: ${DEFAULT-VALUE}).")
  double holdoutShare;

  @Option(names = "--relations", defaultValue = "enforce", paramLabel = "off|suggest|enforce",
      description = "Look for exact relations between columns (equalities, sums and differences, constants and orders, "
          + "also within a category): off, suggest (record them for review) or enforce (also mark those holding on "
          + "--relation-enforce-support of the rows for train to enforce) (default: ${DEFAULT-VALUE}).")
  String relations;

  @Option(names = "--relation-min-support", defaultValue = "0.995", paramLabel = "SHARE",
      description = "Keep relations holding on at least this share of the rows they apply to (default: ${DEFAULT-VALUE}).")
  double relationMinSupport;

  @Option(names = "--relation-enforce-support", defaultValue = "0.999", paramLabel = "SHARE",
      description = "Enforce relations holding on at least this share (default: ${DEFAULT-VALUE}).")
  double relationEnforceSupport;

  @Option(names = "--text-split", defaultValue = "file", paramLabel = "file|line|paragraph|percent",
      description = "Text corpora: cut each file into documents by file, line, paragraph (blank lines) or percent "
          + "(lines holding only %%, the fortune format) (default: ${DEFAULT-VALUE}).")
  String textSplit;

  @Option(names = "--image-size", paramLabel = "WIDTHxHEIGHT",
      description = "Image corpora: scale every image to this size (default: keep each image's own).")
  String imageSize;

  @Option(names = "--overwrite", description = "Replace an existing dataset built from other input.")
  boolean overwrite;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    IngestRequest request = IngestRequest.builder(input)
        .format(format == null ? null : SourceFormat.parse(format))
        .schema(schema)
        .dataset(dataset)
        .inferSchemaOut(inferSchema)
        .labels(new LinkedHashSet<>(labels))
        .csv(CsvOptions.builder().delimiter(delimiter).quote(quote).header(!noHeader).trim(!noTrim)
            .encoding(encoding).nullTokens(nullValues).build())
        .maxBadRatio(maxBadRatio)
        .seed(seed)
        .overwrite(overwrite)
        .holdoutShare(holdoutShare)
        .transform(TransformOptions.builder().foldRareBelow(foldRareBelow).build())
        .relations(MiningOptions.builder().mode(RelationsMode.parse(relations)).minSupport(relationMinSupport)
            .enforceSupport(relationEnforceSupport).build())
        .corpus(CorpusOptions.of(textSplit, imageSize))
        .build();
    SparkSession spark = SparkSessions.start(sparkOptions.settings("ingest", false));
    try {
      IngestResult result = new IngestJob(spark).run(request);
      spec.commandLine().getOut().println(summary(result));
      spec.commandLine().getOut().flush();
      return SynthforgeCli.OK;
    } finally {
      spark.stop();
    }
  }

  private String summary(IngestResult result) {
    if (result.dataset() == null) {
      return "Inferred the schema of " + input + " and wrote it to " + inferSchema
          + " for review; pass it back with --schema " + inferSchema + " (" + seconds(result.elapsedMillis()) + ").";
    }
    if (result.upToDate()) {
      return "Dataset " + result.dataset() + " is already up to date with " + input + " (" + result.accepted()
          + " rows accepted, " + result.quarantined() + " quarantined by an earlier run); nothing was rewritten. Pass --overwrite to rebuild it.";
    }
    if (result.isCorpus()) {
      return String.format(java.util.Locale.ROOT,
          "Ingested corpus %s: read %,d records = %,d accepted + %,d quarantined%s. Wrote dataset %s (rows/ and holdout/ as "
              + "Parquet typed by schema.avsc, quarantine/, corpus.json) in %s (%s records/s). Run %s.",
          input, result.read(), result.accepted(), result.quarantined(),
          result.quarantinedByReason().isEmpty() ? "" : " " + result.quarantinedByReason(), result.dataset(),
          seconds(result.elapsedMillis()), rate(result.read(), result.elapsedMillis()), result.runId());
    }
    return String.format(java.util.Locale.ROOT,
        "Ingested %s: read %,d records = %,d accepted + %,d quarantined%s. Round trip through the transformer: %,d rows "
            + "with a category not restored exactly, largest continuous error %.2g of the column range. Wrote dataset %s "
            + "(rows/, features/ with %d features per row, quarantine/, schema.avsc, transformer.json, relations.yaml, "
            + "manifest.json) in %s (%,.0f records/s).%s Run %s.",
        input, result.read(), result.accepted(), result.quarantined(),
        result.quarantinedByReason().isEmpty() ? "" : " " + result.quarantinedByReason(),
        result.roundTripMismatches(), result.roundTripMaxError(),
        result.dataset(), result.featureWidth(), seconds(result.elapsedMillis()),
        result.read() / Math.max(0.001, result.elapsedMillis() / 1000.0), relationsLine(result), result.runId());
  }

  private static String relationsLine(IngestResult result) {
    if (result.relations().isEmpty()) {
      return "";
    }
    long enforced = result.relations().stream().filter(relation -> relation.getEnforced()).count();
    return String.format(java.util.Locale.ROOT, " Found %d relation(s) between columns, %d to enforce (see relations.yaml).",
        result.relations().size(), enforced);
  }

  /** Records per second, with decimals only where the rate is small (ten WAV files, not 70,000 images). */
  private static String rate(long records, long millis) {
    double perSecond = records / Math.max(0.001, millis / 1000.0);
    return String.format(java.util.Locale.ROOT, perSecond < 10 ? "%.2f" : "%,.0f", perSecond);
  }

  static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
