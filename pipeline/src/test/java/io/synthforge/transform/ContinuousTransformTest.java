package io.synthforge.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.api.ColumnRole;
import io.synthforge.api.ColumnSpec;
import io.synthforge.api.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContinuousTransformTest {
  private static final ColumnSpec GAIN = ColumnSpec.builder("gain", ColumnType.DOUBLE, ColumnRole.CONTINUOUS).build();
  private static final ColumnSpec HOURS = ColumnSpec.builder("hours", ColumnType.INT, ColumnRole.CONTINUOUS).build();

  /** 50% zeros, then N(100, 5) and N(500, 20) with full double precision. */
  private static double[] bimodalWithZeroSpike(int n) {
    Random random = new Random(9);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      values[i] = u < 0.5 ? 0.0 : u < 0.75 ? 100 + 5 * random.nextGaussian() : 500 + 20 * random.nextGaussian();
    }
    return values;
  }

  private static ColumnProfile profile(String column, long nulls, double[] sample) {
    double min = Arrays.stream(sample).min().orElse(Double.NaN);
    double max = Arrays.stream(sample).max().orElse(Double.NaN);
    return ColumnProfile.numeric(column, sample.length + nulls, nulls, min, max, sample);
  }

  private static Object roundTrip(ColumnTransform transform, Object value) {
    float[] features = new float[transform.width()];
    transform.encode(value, features, 0);
    return transform.decode(features, 0);
  }

  @Test
  void bimodalColumnWithZeroSpikeRoundTripsWithinTolerance() {
    double[] sample = bimodalWithZeroSpike(3000);
    ContinuousTransform transform =
        ContinuousTransform.fit(GAIN, profile("gain", 10, sample), TransformOptions.defaults(), 1L);

    assertArrayEquals(new double[] {0.0}, transform.spikes());
    assertTrue(transform.hasNullMode());
    assertEquals(2, transform.mixture().size(), transform.toString());
    assertEquals(-1, transform.decimals());
    assertEquals(1 + 1 + 1 + 2, transform.width());

    double range = transform.max() - transform.min();
    for (double x : sample) {
      int k = transform.mixture().size() == 0 ? -1 : transform.mixture().mostLikely(x);
      boolean inside = x == 0.0
          || Math.abs(x - transform.mixture().mean(k)) <= 4 * transform.mixture().stdDev(k);
      if (inside) {
        double decoded = (Double) roundTrip(transform, x);
        assertEquals(x, decoded, 1e-6 * range, "value " + x);
      }
    }
    assertEquals(0.0, roundTrip(transform, 0.0));
    assertNull(roundTrip(transform, null));
  }

  @Test
  void spikeAndNullEncodeAsTheirModeWithScalarZero() {
    ContinuousTransform transform = ContinuousTransform.fit(
        GAIN, profile("gain", 5, bimodalWithZeroSpike(1000)), TransformOptions.defaults(), 1L);
    float[] features = new float[transform.width()];

    transform.encode(0.0, features, 0);
    assertArrayEquals(new float[] {0f, 1f, 0f, 0f, 0f}, features);
    transform.encode(null, features, 0);
    assertArrayEquals(new float[] {0f, 0f, 1f, 0f, 0f}, features);
  }

  @Test
  void integerColumnWithSpikeRoundTripsExactly() {
    Random random = new Random(4);
    double[] sample = new double[2000];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = random.nextDouble() < 0.47 ? 40 : 1 + random.nextInt(99);
    }
    ContinuousTransform transform =
        ContinuousTransform.fit(HOURS, profile("hours", 0, sample), TransformOptions.defaults(), 3L);

    assertEquals(40.0, transform.spikes()[0]);
    assertEquals(0, transform.decimals());
    for (int hours = 1; hours <= 99; hours++) {
      assertEquals(hours, roundTrip(transform, hours));
    }
  }

  @Test
  void fixedDecimalsAreRestoredExactly() {
    Random random = new Random(5);
    double[] sample = new double[1500];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = Math.rint((250 + 40 * random.nextGaussian()) * 100) / 100;
    }
    ContinuousTransform transform =
        ContinuousTransform.fit(GAIN, profile("gain", 0, sample), TransformOptions.defaults(), 3L);

    assertEquals(2, transform.decimals());
    GaussianMixture1D modes = transform.mixture();
    for (double x : sample) {
      int k = modes.mostLikely(x);
      if (Math.abs(x - modes.mean(k)) <= 4 * modes.stdDev(k)) {
        assertEquals(x, roundTrip(transform, x));
      }
    }
  }

  /**
   * Adult's capital-gain in miniature: 90 % zeros; of the other rows 15 % are 15024 and 10 % are 7688 (each ~1 %
   * of all rows), 3 % are 3103, the rest spread over distinct values.
   */
  private static double[] nestedSpikes(int n) {
    Random random = new Random(23);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      double v = random.nextDouble();
      values[i] = u < 0.9 ? 0.0 : v < 0.15 ? 15024 : v < 0.25 ? 7688 : v < 0.28 ? 3103 : Math.rint(1000 + 9000 * v);
    }
    return values;
  }

  @Test
  void valuesHoldingAShareOfTheRestBecomeNestedSpikes() {
    double[] sample = nestedSpikes(20000);
    ContinuousTransform nested = ContinuousTransform.fit(GAIN, profile("gain", 0, sample), TransformOptions.defaults(), 1L);
    ContinuousTransform floored = ContinuousTransform.fit(
        GAIN, profile("gain", 0, sample), TransformOptions.builder().spikeFloor(0.05).build(), 1L);

    // 3103 holds 3 % of the rest, under the 5 % share: it stays with the Gaussian modes.
    assertArrayEquals(new double[] {0.0, 15024, 7688}, nested.spikes());
    assertArrayEquals(new double[] {0.0}, floored.spikes(), "a floor at the share counts against the whole sample");
    for (double x : new double[] {0.0, 15024, 7688}) {
      assertEquals(x, roundTrip(nested, x));
    }
  }

  /** Log-normal money amounts in cents (median ~100, tail past 10^5) with a 30% spike at 0. */
  private static double[] heavyTailedAmounts(int n) {
    Random random = new Random(17);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble() < 0.3 ? 0.0 : Math.rint(Math.exp(4.6 + 1.6 * random.nextGaussian()) * 100) / 100;
    }
    return values;
  }

  @Test
  void heavyRightTailIsModelledInLogSpaceAndRoundTripsToTheCent() {
    double[] sample = heavyTailedAmounts(4000);
    ContinuousTransform transform =
        ContinuousTransform.fit(GAIN, profile("gain", 0, sample), TransformOptions.defaults(), 4L);

    assertTrue(transform.isLogScale(), transform.toString());
    assertArrayEquals(new double[] {0.0}, transform.spikes());
    assertEquals(2, transform.decimals());
    GaussianMixture1D modes = transform.mixture();
    int exact = 0;
    int positives = 0;
    for (double x : sample) {
      if (x == 0.0) {
        assertEquals(0.0, roundTrip(transform, x));
        continue;
      }
      positives++;
      double t = Math.log(x);
      int k = modes.mostLikely(t);
      if (Math.abs(t - modes.mean(k)) <= 4 * modes.stdDev(k)) {
        double back = (Double) roundTrip(transform, x);
        assertEquals(x, back, Math.max(0.01, x * 4 * modes.stdDev(k) * 0x1p-23), "value " + x);
        exact += back == x ? 1 : 0;
      }
    }
    // Every amount below 10^4 has an error far under a cent, so it comes back exactly.
    assertTrue(exact > 0.95 * positives, exact + " of " + positives + " amounts came back exactly");
  }

  @Test
  void linearModesKeepTheirRangeWhenTheTailIsLight() {
    ContinuousTransform light = ContinuousTransform.fit(GAIN, profile("gain", 0, bimodalWithZeroSpike(2000)),
        TransformOptions.defaults(), 1L);
    ContinuousTransform off = ContinuousTransform.fit(GAIN, profile("gain", 0, heavyTailedAmounts(2000)),
        TransformOptions.builder().logScaleRatio(0).build(), 1L);

    assertTrue(!light.isLogScale(), light.toString());
    assertTrue(!off.isLogScale(), off.toString());
  }

  @Test
  void aThinTailBeyondEveryModesReachGetsAModeOfItsOwn() {
    // 0.15 % of the values far out: too light for a fitted mode, so the fitted modes alone would clip them.
    Random random = new Random(5);
    double[] sample = new double[2003];
    for (int i = 0; i < 2000; i++) {
      sample[i] = 100 + 10 * random.nextGaussian();
    }
    sample[2000] = 400;
    sample[2001] = 450;
    sample[2002] = 500;
    // The profile saw a larger value than the sample holds, and a smaller one.
    ColumnProfile profile = ColumnProfile.numeric("gain", 5000, 0, 20, 640, sample);

    ContinuousTransform transform = ContinuousTransform.fit(GAIN, profile, TransformOptions.defaults(), 1L);

    GaussianMixture1D modes = transform.mixture();
    double top = modes.mean(modes.size() - 1) + 4 * modes.stdDev(modes.size() - 1);
    double bottom = modes.mean(0) - 4 * modes.stdDev(0);
    assertTrue(top >= 640 && bottom <= 20, transform.toString());
    double range = transform.max() - transform.min();
    for (double x : new double[] {20, 50, 99.5, 180, 400, 450, 500, 640}) {
      assertEquals(x, (Double) roundTrip(transform, x), 1e-6 * range, "value " + x + " in " + transform);
    }
    for (double x : sample) {
      assertEquals(x, (Double) roundTrip(transform, x), 1e-6 * range, "value " + x + " in " + transform);
    }
  }

  @Test
  void decodingClipsToTheProfiledBounds() {
    double[] sample = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    ContinuousTransform transform = ContinuousTransform.fit(
        HOURS, profile("hours", 0, sample), TransformOptions.builder().spikeShare(0.5).build(), 3L);
    float[] features = new float[transform.width()];
    transform.encode(20, features, 0);
    features[0] = 1.0f;

    assertEquals(20, transform.decode(features, 0));
  }

  @Test
  void constantAndTwoValueColumnsNeedNoGaussianModes() {
    ContinuousTransform constant = ContinuousTransform.fit(
        HOURS, profile("hours", 0, new double[] {7, 7, 7, 7}), TransformOptions.defaults(), 3L);
    ContinuousTransform twoValues = ContinuousTransform.fit(
        HOURS, profile("hours", 2, new double[] {0, 1, 1, 0, 1}), TransformOptions.defaults(), 3L);

    assertEquals(0, constant.mixture().size());
    assertEquals(1, constant.modeCount());
    assertEquals(7, roundTrip(constant, 7));
    assertEquals(0, twoValues.mixture().size());
    assertEquals(3, twoValues.modeCount());
    assertEquals(0, roundTrip(twoValues, 0));
    assertEquals(1, roundTrip(twoValues, 1));
    assertNull(roundTrip(twoValues, null));
    assertEquals(1, roundTrip(twoValues, 3), "an unseen value encodes as the nearest spike");
  }

  @Test
  void datesRoundTripThroughEpochDays() {
    ColumnSpec born = ColumnSpec.builder("born", ColumnType.DATE, ColumnRole.DATETIME).build();
    Random random = new Random(8);
    double[] sample = new double[1000];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = LocalDate.of(1960, 1, 1).toEpochDay() + random.nextInt(15000);
    }
    ContinuousTransform transform =
        ContinuousTransform.fit(born, profile("born", 0, sample), TransformOptions.defaults(), 3L);

    LocalDate date = LocalDate.of(1990, 6, 15);
    assertEquals(date, roundTrip(transform, date));
  }

  @Test
  void timestampsRoundTripThroughEpochMillisWithinTolerance() {
    ColumnSpec seen = ColumnSpec.builder("seen", ColumnType.TIMESTAMP, ColumnRole.DATETIME).build();
    Random random = new Random(12);
    double[] sample = new double[1000];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = 1_700_000_000_000L + (long) (random.nextDouble() * 86_400_000L * 30);
    }
    ContinuousTransform transform =
        ContinuousTransform.fit(seen, profile("seen", 0, sample), TransformOptions.defaults(), 3L);

    Instant instant = Instant.ofEpochMilli((long) sample[17]);
    Instant decoded = (Instant) roundTrip(transform, instant);
    assertEquals(instant.toEpochMilli(), decoded.toEpochMilli(), 1e-6 * (transform.max() - transform.min()));
  }

  @Test
  void allNullColumnHasOnlyTheNullMode() {
    ContinuousTransform transform = ContinuousTransform.fit(
        GAIN, ColumnProfile.numeric("gain", 4, 4, Double.NaN, Double.NaN, new double[0]), TransformOptions.defaults(), 3L);

    assertEquals(1, transform.modeCount());
    assertNull(roundTrip(transform, null));
  }

  @Test
  void rejectsNullWhenTheColumnHadNone() {
    ContinuousTransform transform = ContinuousTransform.fit(
        HOURS, profile("hours", 0, new double[] {1, 2, 3, 4}), TransformOptions.defaults(), 3L);

    TransformException e = assertThrows(TransformException.class, () -> roundTrip(transform, null));
    assertEquals("Cannot encode null in column 'hours': the column had no nulls when the transformer was fitted",
        e.getMessage());
  }

  @Test
  void rejectsAValueOfTheWrongType() {
    ContinuousTransform transform = ContinuousTransform.fit(
        HOURS, profile("hours", 0, new double[] {1, 2, 3, 4}), TransformOptions.defaults(), 3L);

    TransformException e = assertThrows(TransformException.class, () -> roundTrip(transform, "3"));
    assertEquals("Cannot encode value '3' in column 'hours': expected a INT (Number), found String", e.getMessage());
  }
}
