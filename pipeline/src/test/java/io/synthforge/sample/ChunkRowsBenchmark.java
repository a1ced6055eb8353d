package io.synthforge.sample;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.io.Storage;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.model.ModelSpec;
import io.synthforge.model.ModelState;
import io.synthforge.model.TrainingData;
import io.synthforge.model.nn.NativeThreads;
import io.synthforge.train.ModelBundle;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.TableTransformer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Finished rows per CPU-second of one sampling task without Spark: what {@link ChunkGenerator} does per row
 * (generate, label strata, decode, derive, check constraints and schema, redraw) for a trained bundle with its
 * constraints, at the label's training rates, on one thread with one BLAS thread. CPU time of this thread, so a
 * loaded machine slows the wall clock but not the figure much.
 *
 * <pre>
 * mvn -o -q -pl pipeline test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat pipeline/cp.txt):pipeline/target/classes:pipeline/target/test-classes" \
 *   io.synthforge.sample.ChunkRowsBenchmark MODEL_DIR [rows per round] [rounds]
 * </pre>
 *
 * The first rounds warm the JIT; the last ones are the steady rate. Each round samples the same chunks with another
 * seed.
 */
public final class ChunkRowsBenchmark {
  private ChunkRowsBenchmark() {}

  public static void main(String[] args) {
    String dir = args[0];
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    NativeThreads.limitBlas(1);
    ModelBundle bundle = ModelBundle.load(new Storage(new Configuration()), dir);
    TableTransformer transformer = bundle.transformer();
    String label = transformer.metadata().columns().stream().filter(c -> c.role() == ColumnRole.LABEL)
        .map(ColumnSpec::name).findFirst().orElse(null);
    SamplePlan plan = label == null
        ? SamplePlan.of(transformer, rows, SamplePlan.DEFAULT_CHUNK_ROWS, List.of(), List.of())
        : SamplePlan.atLabelRates(transformer, rows, SamplePlan.DEFAULT_CHUNK_ROWS, label);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      SampleTask task = new SampleTask(ModelSnapshot.of(bundle, "bench-" + round), plan, round, List.of(),
          RowValidator.of(transformer.metadata()), ModelFactory.BUNDLED, true, bundle.constraints());
      Counting counters = new Counting();
      long wall = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      Counted model = new Counted(ModelFactory.BUNDLED.create(task.snapshot(), transformer));
      ChunkRows chunkRows = new ChunkRows(task, transformer, model, IntStream.range(0, plan.chunks()).boxed().iterator(),
          counters);
      long written = 0;
      while (chunkRows.hasNext()) {
        chunkRows.next();
        written++;
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      double wallSeconds = (System.nanoTime() - wall) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %,d rows, %,d redrawn, %,d generated, CPU %.2f s = %,.0f rows per "
          + "CPU-second (%.2f us/row); wall %.2f s%n", round, written, counters.rejected, model.rows, cpuSeconds,
          written / cpuSeconds, cpuSeconds * 1e6 / written, wallSeconds);
    }
  }

  /** A model that counts the rows it generates. */
  private static final class Counted implements GenerativeModel {
    private final GenerativeModel model;
    private long rows;

    Counted(GenerativeModel model) {
      this.model = model;
    }

    @Override
    public void generate(int count, GenerationCondition condition, SplittableRandom random, float[] out) {
      rows += count;
      model.generate(count, condition, random, out);
    }

    @Override
    public String family() {
      return model.family();
    }

    @Override
    public ModelSpec spec() {
      return model.spec();
    }

    @Override
    public OutputLayout layout() {
      return model.layout();
    }

    @Override
    public Map<String, Double> step(TrainingData data, int batchSize, SplittableRandom random) {
      return model.step(data, batchSize, random);
    }

    @Override
    public double validationLoss(TrainingData data, SplittableRandom random) {
      return model.validationLoss(data, random);
    }

    @Override
    public ModelState state() {
      return model.state();
    }

    @Override
    public void load(ModelState state) {
      model.load(state);
    }
  }

  /** Counts rejected draws only. */
  private static final class Counting implements SampleCounters {
    private long rejected;

    @Override
    public void generated(long rows) {}

    @Override
    public void invalid(int chunk, long row, String violation) {}

    @Override
    public void forced(long rows) {}

    @Override
    public void rejected(String reason) {
      rejected++;
    }

    @Override
    public void unresolved(String reason) {}
  }
}
