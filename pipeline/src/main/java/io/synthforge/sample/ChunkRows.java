package io.synthforge.sample;

import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.Rule;
import io.synthforge.constraint.Values;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.provenance.Seeds;
import io.synthforge.transform.CategoricalTransform;
import io.synthforge.transform.ColumnTransform;
import io.synthforge.transform.OutputLayout;
import io.synthforge.transform.Span;
import io.synthforge.transform.TableTransformer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The finished rows ({@code Object[]} in table column order) of a run of chunks, built lazily one batch at a time.
 * Spark-free: {@link ChunkGenerator} runs it in a task.
 *
 * <p>Chunk {@code c} is generated from its own stream {@code Seeds.derive(seed, salt("sample.chunk"), c)}, in
 * batches of {@link #BATCH_ROWS} whose segment mix is fixed by the plan, so its rows depend on (seed, chunk) alone,
 * not on the partition that runs it. A conditioned row whose generated category misses the condition is drawn
 * again (up to {@link #MAX_REDRAWS} times; what still misses then has its one-hot span set to the condition and is
 * counted as forced), so every conditioned row carries its category. Each decoded row gets its derived columns
 * computed ({@link ConstraintSet#derive}); a row that then breaks an enforced constraint or the schema is drawn
 * again (up to {@link #MAX_RESAMPLES} rounds, counted by reason). A row still breaking a constraint after that is
 * written and counted as unresolved; one still breaking the schema is counted and dropped, and the driver fails
 * the job.
 *
 * <p>Label strata and the redraws of rejected rows (under their stratum's label, or under their value of the
 * constraints' anchor column) take unconditioned rows from one {@link CategoryPool} per chunk, so that draws one
 * stratum did not need serve another stratum or a later batch instead of being thrown away.
 */
final class ChunkRows implements Iterator<Object[]> {
  /** Rows decoded and checked together: large enough for efficient matrix products, small enough for the heap. */
  static final int BATCH_ROWS = 4_096;
  static final int MAX_REDRAWS = 20;
  /**
   * Blocks of unconditioned draws one request for pooled rows (a batch's strata, a round of redraws) may generate
   * before conditioned generation tops up the rows still missing.
   */
  static final int POOL_BLOCKS = 4;
  /**
   * Rounds of drawing again the rows that break an enforced constraint or the schema. Each round redraws only the
   * rows still failing, so the work decays geometrically; a row fails every round with probability r^100 for a
   * model whose rows fail with probability r (under 1e-15 for r = 0.7).
   */
  static final int MAX_RESAMPLES = 100;
  static final long CHUNK_SALT = Seeds.salt("sample.chunk");

  private final SampleTask sample;
  private final TableTransformer transformer;
  private final GenerativeModel model;
  private final SampleCounters counters;
  private final ConstraintSet constraints;
  private final RowValidator validator;
  private final List<IdentifierFaker> fakers;
  private final List<SampleSegment> segments;
  private final int anchorSpan;
  private final int anchorPosition;
  private final Map<String, Integer> anchorIndex;
  private final CategoryPool pool;
  private final Iterator<Integer> chunks;
  private final OutputLayout layout;
  private final int width;
  private final int columns;
  private final boolean sqlTimes;
  private final Map<Integer, float[]> buffers = new HashMap<>();
  private final List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
  private int next;

  private int chunk = -1;
  private SplittableRandom random;
  private long[][] batchCounts;
  private int batchIndex;
  private long rowIndex;

  ChunkRows(SampleTask sample, TableTransformer transformer, GenerativeModel model, Iterator<Integer> chunks,
      SampleCounters counters) {
    this.sample = sample;
    this.transformer = transformer;
    this.model = model;
    this.counters = counters;
    this.constraints = sample.constraints();
    this.validator = sample.validator();
    this.fakers = sample.fakers();
    this.segments = sample.plan().segments();
    this.chunks = chunks;
    this.layout = transformer.layout();
    this.width = layout.width();
    this.columns = transformer.metadata().columns().size();
    this.sqlTimes = !sample.javaTimeValues()
        && transformer.metadata().columns().stream().anyMatch(column -> column.type().isTemporal());
    this.anchorSpan = constraints.anchor().map(column -> conditionableSpan(layout, column)).orElse(-1);
    this.anchorPosition = constraints.anchor().map(column -> transformer.metadata().indexOf(column)).orElse(-1);
    this.anchorIndex = new HashMap<>();
    if (anchorSpan >= 0) {
      List<String> labels = layout.spans().get(anchorSpan).labels();
      for (int k = 0; k < labels.size(); k++) {
        anchorIndex.put(labels.get(k), k);
      }
    }
    int pooled = sample.plan().labelStrata() ? segments.get(0).condition().orElseThrow().spanIndex() : anchorSpan;
    this.pool = pooled < 0 ? null : pool(pooled);
  }

  private CategoryPool pool(int spanIndex) {
    Span span = layout.spans().get(spanIndex);
    double[] frequencies = new double[span.width()];
    ColumnTransform transform = transformer.transform(span.column());
    if (transform instanceof CategoricalTransform) {
      long[] counts = ((CategoricalTransform) transform).frequencies();
      for (int k = 0; k < Math.min(counts.length, frequencies.length); k++) {
        frequencies[k] = counts[k];
      }
    }
    return new CategoryPool(model, width, span, frequencies, Math.max(CategoryPool.MIN_BLOCK, BATCH_ROWS / span.width()));
  }

  @Override
  public boolean hasNext() {
    while (next >= batch.size()) {
      if (!advance()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException("Cannot read past the last sampled chunk");
    }
    return batch.get(next++);
  }

  /** Fills the next batch; false when every chunk is done. */
  private boolean advance() {
    if (batchCounts == null || batchIndex >= batchCounts.length) {
      if (!chunks.hasNext()) {
        return false;
      }
      startChunk(chunks.next());
    }
    batch.clear();
    next = 0;
    fillBatch(batchCounts[batchIndex++]);
    return true;
  }

  private void startChunk(int index) {
    SamplePlan plan = sample.plan();
    chunk = index;
    random = new SplittableRandom(Seeds.derive(sample.seed(), CHUNK_SALT, index));
    if (pool != null) {
      pool.clear();
    }
    long size = plan.chunkSize(index);
    int batches = (int) ((size + BATCH_ROWS - 1) / BATCH_ROWS);
    long[] sizes = new long[batches];
    for (int b = 0; b < batches; b++) {
      sizes[b] = Math.min(BATCH_ROWS, size - (long) b * BATCH_ROWS);
    }
    batchCounts = Apportionment.spread(plan.chunkCounts(index), sizes);
    batchIndex = 0;
    rowIndex = plan.chunkStart(index);
  }

  private void fillBatch(long[] counts) {
    boolean strata = sample.plan().labelStrata();
    float[][] stratumRows = strata ? strata(counts) : null;
    long valid = 0;
    for (int s = 0; s < counts.length; s++) {
      int n = (int) counts[s];
      if (n == 0) {
        continue;
      }
      GenerationCondition condition = segments.get(s).condition().orElse(null);
      long first = rowIndex;
      Object[][] rows = strata ? finish(stratumRows[s], n, first, null) : draw(n, condition, first, null);
      // problems[r]: what the kept row r breaks; latest[r]: what its latest draw broke (the reason it is redrawn).
      String[] problems = new String[n];
      String[] latest = new String[n];
      boolean[] schemaValid = new boolean[n];
      int[] pending = new int[n];
      int misses = 0;
      for (int r = 0; r < n; r++) {
        problems[r] = problem(rows[r]);
        latest[r] = problems[r];
        schemaValid[r] = problems[r] == null || validator.violation(rows[r]) == null;
        if (problems[r] != null) {
          pending[misses++] = r;
        }
      }
      // Targeted resampling: only the rows that break an enforced constraint or the schema are drawn again. A draw
      // that breaks only a constraint is kept over one that breaks the schema, so that a constraint the model cannot
      // meet leaves valid rows (reported as unresolved) rather than dropped ones.
      for (int attempt = 0; attempt < MAX_RESAMPLES && misses > 0; attempt++) {
        int[] again = Arrays.copyOf(pending, misses);
        for (int r : again) {
          counters.rejected(latest[r]);
        }
        Object[][] redrawn = redraw(again, rows, condition, strata, first, attempt < MAX_RESAMPLES / 2);
        misses = 0;
        for (int j = 0; j < again.length; j++) {
          int r = again[j];
          String problem = problem(redrawn[j]);
          latest[r] = problem;
          boolean fits = problem == null || validator.violation(redrawn[j]) == null;
          if (problem == null || fits || !schemaValid[r]) {
            rows[r] = redrawn[j];
            problems[r] = problem;
            schemaValid[r] = fits;
          }
          if (problem != null) {
            pending[misses++] = r;
          }
        }
      }
      for (int r = 0; r < n; r++) {
        Object[] values = rows[r];
        rowIndex++;
        if (!schemaValid[r]) {
          counters.invalid(chunk, rowIndex - 1, validator.violation(values));
          continue;
        }
        if (problems[r] != null) {
          counters.unresolved(problems[r]);
        }
        if (sqlTimes) {
          toSqlTimes(values);
        }
        batch.add(values);
        valid++;
      }
    }
    counters.generated(valid);
  }

  /**
   * The features of each label stratum's rows: unconditioned draws sorted by their generated label (from the pool,
   * so draws a stratum did not need wait for the next batch); a stratum the draws leave short is topped up by
   * conditioned generation.
   */
  private float[][] strata(long[] counts) {
    int[] want = new int[pool.categories()];
    float[][] byCategory = new float[pool.categories()][];
    for (int s = 0; s < counts.length; s++) {
      int category = segments.get(s).condition().orElseThrow().category();
      want[category] = (int) counts[s];
      byCategory[category] = new float[want[category] * width];
    }
    int[] filled = pool.take(want, byCategory, POOL_BLOCKS, random);
    float[][] strata = new float[counts.length][];
    for (int s = 0; s < counts.length; s++) {
      GenerationCondition condition = segments.get(s).condition().orElseThrow();
      strata[s] = byCategory[condition.category()];
      topUp(strata[s], filled[condition.category()], (int) counts[s], condition);
    }
    return strata;
  }

  /** Generates rows {@code [filled, n)} of {@code features} under {@code condition} (exactly). */
  private void topUp(float[] features, int filled, int n, GenerationCondition condition) {
    int shortBy = n - filled;
    if (shortBy > 0) {
      float[] more = new float[shortBy * width];
      generate(shortBy, condition, more);
      System.arraycopy(more, 0, features, filled * width, more.length);
    }
  }

  /**
   * New draws of rows {@code again} (indices into the segment's {@code rows}). In a stratum, rows of its label
   * from the pool. In an unconditioned segment, while {@code anchored}, each is drawn under its current value of
   * the constraints' anchor column (rows of that value from the pool), so that redrawing keeps that column's
   * frequencies as the model generates them; otherwise (and for a value the anchor span does not know) it is drawn
   * as the segment's rows are.
   */
  private Object[][] redraw(int[] again, Object[][] rows, GenerationCondition condition, boolean strata, long first,
      boolean anchored) {
    if (strata) {
      int[] want = new int[pool.categories()];
      want[condition.category()] = again.length;
      float[][] out = new float[pool.categories()][];
      out[condition.category()] = new float[again.length * width];
      int[] filled = pool.take(want, out, POOL_BLOCKS, random);
      topUp(out[condition.category()], filled[condition.category()], again.length, condition);
      return finish(out[condition.category()], again.length, first, again);
    }
    if (condition != null || anchorSpan < 0 || !anchored) {
      return draw(again.length, condition, first, again);
    }
    // Grouped by anchor value in value order (unknown values, -1, first): the pool serves the groups in that order.
    TreeMap<Integer, List<Integer>> byCategory = new TreeMap<>();
    for (int j = 0; j < again.length; j++) {
      Integer category = anchorIndex.get(Values.label(rows[again[j]][anchorPosition]));
      byCategory.computeIfAbsent(category == null ? -1 : category, key -> new ArrayList<>()).add(j);
    }
    int[] want = new int[pool.categories()];
    float[][] out = new float[pool.categories()][];
    for (Map.Entry<Integer, List<Integer>> group : byCategory.entrySet()) {
      if (group.getKey() >= 0) {
        want[group.getKey()] = group.getValue().size();
        out[group.getKey()] = new float[want[group.getKey()] * width];
      }
    }
    int[] filled = pool.take(want, out, POOL_BLOCKS, random);
    Object[][] redrawn = new Object[again.length][];
    for (Map.Entry<Integer, List<Integer>> group : byCategory.entrySet()) {
      int[] members = group.getValue().stream().mapToInt(Integer::intValue).toArray();
      int[] indices = new int[members.length];
      for (int m = 0; m < members.length; m++) {
        indices[m] = again[members[m]];
      }
      float[] features;
      if (group.getKey() < 0) {
        features = buffer(members.length);
        model.generate(members.length, null, random, features);
      } else {
        features = out[group.getKey()];
        int k = group.getKey();
        if (filled[k] < members.length) {
          // A value the model rarely generates: its conditioned generation steers towards it (inexactly).
          float[] more = new float[(members.length - filled[k]) * width];
          model.generate(members.length - filled[k], GenerationCondition.of(anchorSpan, k), random, more);
          System.arraycopy(more, 0, features, filled[k] * width, more.length);
        }
      }
      Object[][] drawn = finish(features, members.length, first, indices);
      for (int m = 0; m < members.length; m++) {
        redrawn[members[m]] = drawn[m];
      }
    }
    return redrawn;
  }

  /**
   * {@code n} finished rows for {@code condition} (made to hold, see {@link #generate}), with the identifiers of rows
   * {@code first + j} (or {@code first + indices[j]} when redrawing those rows).
   */
  private Object[][] draw(int n, GenerationCondition condition, long first, int[] indices) {
    float[] features = buffer(n);
    generate(n, condition, features);
    return finish(features, n, first, indices);
  }

  /** Decodes {@code n} generated rows, computes their derived columns and fills in their identifiers. */
  private Object[][] finish(float[] features, int n, long first, int[] indices) {
    Object[][] rows = new Object[n][];
    for (int j = 0; j < n; j++) {
      Object[] values = new Object[columns];
      transformer.decodeInto(features, j * width, values);
      constraints.derive(values);
      long index = first + (indices == null ? j : indices[j]);
      for (IdentifierFaker faker : fakers) {
        values[faker.position()] = faker.value(index);
      }
      rows[j] = values;
    }
    return rows;
  }

  /** The index of {@code column}'s conditionable span in {@code layout}, or -1. */
  private static int conditionableSpan(OutputLayout layout, String column) {
    List<Span> spans = layout.spans();
    for (int s = 0; s < spans.size(); s++) {
      if (spans.get(s).column().equals(column) && spans.get(s).isConditionable()) {
        return s;
      }
    }
    return -1;
  }

  /** Why a finished row must be drawn again (an enforced constraint or the schema it breaks), or null. */
  private String problem(Object[] values) {
    Rule broken = constraints.violation(values);
    if (broken != null) {
      return "constraint: " + broken.text();
    }
    String violation = validator.violation(values);
    return violation == null ? null : "schema: " + reason(violation);
  }

  /** Generates {@code n} rows into {@code features}, redrawing conditioned rows that miss their category. */
  private void generate(int n, GenerationCondition condition, float[] features) {
    model.generate(n, condition, random, features);
    if (condition == null) {
      return;
    }
    Span span = layout.spans().get(condition.spanIndex());
    int[] missing = new int[n];
    int misses = 0;
    for (int r = 0; r < n; r++) {
      if (argmax(features, r * width + span.offset(), span.width()) != condition.category()) {
        missing[misses++] = r;
      }
    }
    for (int attempt = 0; attempt < MAX_REDRAWS && misses > 0; attempt++) {
      // Not from buffer(): with every row missing, that would be `features` itself. Redraws are rare.
      float[] redrawn = new float[misses * width];
      model.generate(misses, condition, random, redrawn);
      int still = 0;
      for (int j = 0; j < misses; j++) {
        if (argmax(redrawn, j * width + span.offset(), span.width()) == condition.category()) {
          System.arraycopy(redrawn, j * width, features, missing[j] * width, width);
        } else {
          missing[still++] = missing[j];
        }
      }
      misses = still;
    }
    if (misses > 0) {
      counters.forced(misses);
      for (int j = 0; j < misses; j++) {
        int start = missing[j] * width + span.offset();
        Arrays.fill(features, start, start + span.width(), 0f);
        features[start + condition.category()] = 1f;
      }
    }
  }

  /** Replaces {@code Instant}s and {@code LocalDate}s by the SQL types a session without the java8 API takes. */
  private static void toSqlTimes(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Instant) {
        values[i] = java.sql.Timestamp.from((Instant) values[i]);
      } else if (values[i] instanceof LocalDate) {
        values[i] = java.sql.Date.valueOf((LocalDate) values[i]);
      }
    }
  }

  /** A reused array of exactly {@code n} rows (models may insist on the exact length). */
  private float[] buffer(int n) {
    if (buffers.size() > 16) {
      buffers.clear();
    }
    return buffers.computeIfAbsent(n, rows -> new float[rows * width]);
  }

  /** A schema violation without the offending value, so that violations count by kind: {@code column 'a' is below ...}. */
  static String reason(String violation) {
    return violation.replaceFirst("^(column '[^']*') = .*? (is (not a finite|outside|below|above))", "$1 $2");
  }

  /** The position of the largest value, the first on ties (as {@code CategoricalTransform.decode}). */
  static int argmax(float[] values, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (values[offset + i] > values[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
