package io.synthforge.transform;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import io.synthforge.api.TableMetadata;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A tiny synthetic table with every kind of column, its rows and its profiles. */
public final class TransformFixtures {
  static final int ROWS = 1200;

  private TransformFixtures() {}

  static TableMetadata metadata() {
    return TableMetadata.of("people", List.of(
        ColumnSpec.builder("id", ColumnType.STRING, ColumnRole.IDENTIFIER).build(),
        ColumnSpec.builder("gain", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).nullable(true).build(),
        ColumnSpec.builder("hours", ColumnType.INT, ColumnRole.CONTINUOUS).build(),
        ColumnSpec.builder("city", ColumnType.STRING, ColumnRole.CATEGORICAL).nullable(true).build(),
        ColumnSpec.builder("born", ColumnType.DATE, ColumnRole.DATETIME).build(),
        ColumnSpec.builder("code", ColumnType.INT, ColumnRole.CATEGORICAL).build(),
        ColumnSpec.builder("fraud", ColumnType.BOOLEAN, ColumnRole.LABEL).build()));
  }

  /** Rows: gain is 0 for 60%, else N(100, 10) or N(1000, 50) with 2 decimals, null for 5%. */
  static Object[][] rows() {
    Random random = new Random(2024);
    String[] cities = {"Paris", "Lyon", "Nice"};
    Object[][] rows = new Object[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      double u = random.nextDouble();
      Double gain;
      if (u < 0.05) {
        gain = null;
      } else if (u < 0.65) {
        gain = 0.0;
      } else if (u < 0.85) {
        gain = Math.rint((100 + 10 * random.nextGaussian()) * 100) / 100;
      } else {
        gain = Math.rint((1000 + 50 * random.nextGaussian()) * 100) / 100;
      }
      int hours = random.nextDouble() < 0.5 ? 40 : 20 + random.nextInt(40);
      String city = random.nextDouble() < 0.1 ? null : cities[Math.min(2, (int) Math.floor(random.nextDouble() * 2.6))];
      LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20000));
      rows[r] = new Object[] {"C" + r, gain, hours, city, born, 100 + random.nextInt(4), random.nextDouble() < 0.1};
    }
    return rows;
  }

  /** Profiles computed in plain Java (what the ingest job computes on Spark). */
  public static Map<String, ColumnProfile> profiles(TableMetadata metadata, Object[][] rows) {
    Map<String, ColumnProfile> profiles = new HashMap<>();
    for (ColumnSpec column : metadata.learnedColumns()) {
      int index = metadata.indexOf(column.name());
      long nulls = 0;
      if (column.role().isDiscrete()) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
          if (row[index] == null) {
            nulls++;
          } else {
            counts.merge(String.valueOf(row[index]), 1L, Long::sum);
          }
        }
        profiles.put(column.name(), ColumnProfile.discrete(column.name(), rows.length, nulls, counts));
      } else {
        double[] sample = new double[rows.length];
        int size = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object[] row : rows) {
          if (row[index] == null) {
            nulls++;
            continue;
          }
          double value = ColumnValues.toDouble(row[index], column.type(), column.name());
          sample[size++] = value;
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
        profiles.put(column.name(), ColumnProfile.numeric(column.name(), rows.length, nulls, min, max,
            Arrays.copyOf(sample, size)));
      }
    }
    return profiles;
  }
}
