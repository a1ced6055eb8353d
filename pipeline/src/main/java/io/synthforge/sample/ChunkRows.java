package io.synthforge.sample;

import io.synthforge.constraint.ConstraintSet;
import io.synthforge.constraint.Rule;
import io.synthforge.constraint.Values;
import io.synthforge.model.GenerationCondition;
import io.synthforge.model.GenerativeModel;
import io.synthforge.provenance.Seeds;
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
 */
final class ChunkRows implements Iterator<Object[]> {
  /** Rows decoded and checked together: large enough for efficient matrix products, small enough for the heap. */
  static final int BATCH_ROWS = 4_096;
  static final int MAX_REDRAWS = 20;
  /** Rounds of unconditioned draws that fill label strata before conditioned generation tops them up. */
  static final int STRATUM_DRAWS = 4;
  /** The least rows of a later stratum round: a rare label needs a pool to show up in. */
  static final int STRATUM_POOL = 1_024;
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
    List<SampleSegment> segments = sample.plan().segments();
    float[][] strata = sample.plan().labelStrata() ? strata(counts, segments) : null;
    long valid = 0;
    for (int s = 0; s < counts.length; s++) {
      int n = (int) counts[s];
      if (n == 0) {
        continue;
      }
      GenerationCondition condition = segments.get(s).condition().orElse(null);
      long first = rowIndex;
      Object[][] rows = strata != null ? finish(strata[s], n, first, null) : draw(n, condition, true, first, null);
      // problems[r]: what the kept row r breaks; latest[r]: what its latest draw broke (the reason it is redrawn).
      String[] problems = new String[n];
      String[] latest = new String[n];
      boolean[] schemaValid = new boolean[n];
      int[] pending = new int[n];
      int misses = 0;
      for (int r = 0; r < n; r++) {
        problems[r] = problem(rows[r]);
        latest[r] = problems[r];
        schemaValid[r] = problems[r] == null || sample.validator().violation(rows[r]) == null;
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
        Object[][] redrawn = redraw(again, rows, condition, first, attempt < MAX_RESAMPLES / 2);
        misses = 0;
        for (int j = 0; j < again.length; j++) {
          int r = again[j];
          String problem = problem(redrawn[j]);
          latest[r] = problem;
          boolean fits = problem == null || sample.validator().violation(redrawn[j]) == null;
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
        String violation = sample.validator().violation(values);
        if (violation != null) {
          counters.invalid(chunk, rowIndex - 1, violation);
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
   * The rows of each label stratum: unconditioned draws go to the stratum of their generated label while it
   * needs rows, over at most {@link #STRATUM_DRAWS} rounds (the first as large as the batch, the later ones at
   * least {@link #STRATUM_POOL} rows, for rare labels); a stratum still short is topped up by conditioned
   * generation.
   */
  private float[][] strata(long[] counts, List<SampleSegment> segments) {
    int spanIndex = segments.get(0).condition().orElseThrow().spanIndex();
    Span span = layout.spans().get(spanIndex);
    int[] stratumOf = new int[span.width()];
    Arrays.fill(stratumOf, -1);
    float[][] strata = new float[counts.length][];
    int[] filled = new int[counts.length];
    int remaining = 0;
    for (int s = 0; s < counts.length; s++) {
      stratumOf[segments.get(s).condition().orElseThrow().category()] = s;
      strata[s] = new float[(int) counts[s] * width];
      remaining += (int) counts[s];
    }
    for (int round = 0; round < STRATUM_DRAWS && remaining > 0; round++) {
      int draws = round == 0 ? remaining : Math.max(remaining, STRATUM_POOL);
      float[] pool = buffer(draws);
      model.generate(draws, null, random, pool);
      for (int r = 0; r < draws && remaining > 0; r++) {
        int s = stratumOf[argmax(pool, r * width + span.offset(), span.width())];
        if (s >= 0 && filled[s] < counts[s]) {
          System.arraycopy(pool, r * width, strata[s], filled[s]++ * width, width);
          remaining--;
        }
      }
    }
    for (int s = 0; s < counts.length; s++) {
      int shortBy = (int) counts[s] - filled[s];
      if (shortBy > 0) {
        float[] topUp = new float[shortBy * width];
        generate(shortBy, segments.get(s).condition().orElseThrow(), topUp);
        System.arraycopy(topUp, 0, strata[s], filled[s] * width, topUp.length);
      }
    }
    return strata;
  }

  /**
   * New draws of rows {@code again} (indices into the segment's {@code rows}). In an unconditioned segment, while
   * {@code anchored}, each is drawn under its current value of the constraints' anchor column (one model call per
   * value), so that redrawing keeps that column's frequencies as the model generates them; otherwise (and for a
   * value the anchor span does not know) it is drawn as the segment's rows are.
   */
  private Object[][] redraw(int[] again, Object[][] rows, GenerationCondition condition, long first,
      boolean anchored) {
    if (condition != null || anchorSpan < 0 || !anchored) {
      return draw(again.length, condition, true, first, again);
    }
    int[] categories = new int[again.length];
    java.util.TreeMap<Integer, List<Integer>> byCategory = new java.util.TreeMap<>();
    for (int j = 0; j < again.length; j++) {
      Integer category = anchorIndex.get(Values.label(rows[again[j]][anchorPosition]));
      categories[j] = category == null ? -1 : category;
      byCategory.computeIfAbsent(categories[j], key -> new ArrayList<>()).add(j);
    }
    Object[][] redrawn = new Object[again.length][];
    for (Map.Entry<Integer, List<Integer>> group : byCategory.entrySet()) {
      int[] members = group.getValue().stream().mapToInt(Integer::intValue).toArray();
      int[] indices = new int[members.length];
      for (int m = 0; m < members.length; m++) {
        indices[m] = again[members[m]];
      }
      GenerationCondition anchor = group.getKey() < 0 ? null : GenerationCondition.of(anchorSpan, group.getKey());
      Object[][] drawn = draw(members.length, anchor, false, first, indices);
      for (int m = 0; m < members.length; m++) {
        redrawn[members[m]] = drawn[m];
      }
    }
    return redrawn;
  }

  /**
   * {@code n} finished rows for {@code condition}: generated, decoded, with the constrained columns derived and the
   * identifiers of rows {@code first + j} (or {@code first + indices[j]} when redrawing those rows) filled in. An
   * {@code exact} condition is made to hold (see {@link #generate}); an inexact one only steers the model.
   */
  private Object[][] draw(int n, GenerationCondition condition, boolean exact, long first, int[] indices) {
    float[] features = buffer(n);
    if (exact) {
      generate(n, condition, features);
    } else {
      model.generate(n, condition, random, features);
    }
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
