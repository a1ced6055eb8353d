package io.synthforge.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The simulated window (30 days from 2026-03-01T00:00Z) and its hourly activity profile: a daily cycle with
 * lunch and evening peaks and a quiet night, times a weekly cycle. Maps a uniform quantile to a second in the
 * window monotonically, so sorted quantiles give sorted timestamps.
 */
final class ActivityCalendar {
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
  static final int DAYS = 30;
  static final long START_EPOCH_SECOND = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  static final long WINDOW_SECONDS = DAYS * 86_400L;

  private static final double[] HOUR_WEIGHTS = {
    0.25, 0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.55, 0.80, 0.90, 0.95, 1.05,
    1.25, 1.15, 0.95, 0.90, 0.95, 1.10, 1.30, 1.30, 1.15, 0.90, 0.65, 0.42
  };
  /** Monday to Sunday. */
  private static final double[] DAY_WEIGHTS = {1.00, 0.98, 1.00, 1.03, 1.18, 1.12, 0.82};

  private final double[] cumulative = new double[DAYS * 24 + 1];
  private static final String[] DAY_PREFIXES = new String[DAYS];

  static {
    for (int day = 0; day < DAYS; day++) {
      DAY_PREFIXES[day] = FIRST_DAY.plusDays(day) + "T";
    }
  }

  ActivityCalendar() {
    double total = 0;
    for (int day = 0; day < DAYS; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      double dayWeight = DAY_WEIGHTS[date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()];
      for (int hour = 0; hour < 24; hour++) {
        total += dayWeight * HOUR_WEIGHTS[hour];
        cumulative[day * 24 + hour + 1] = total;
      }
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  /** The epoch second at quantile {@code u} in [0, 1) of the activity profile. */
  long epochSecondAt(double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] <= u) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double within = (u - cumulative[low]) / (cumulative[high] - cumulative[low]);
    long second = low * 3_600L + (long) (within * 3_600.0);
    return START_EPOCH_SECOND + Math.min(Math.max(second, 0L), WINDOW_SECONDS - 1);
  }

  /** The hour of day (UTC) of an epoch second. */
  static int hourOfDay(long epochSecond) {
    return (int) (Math.floorMod(epochSecond, 86_400L) / 3_600L);
  }

  /** {@code epochSecond} as ISO-8601 UTC ({@code 2026-03-01T13:45:12Z}); fast inside the window. */
  static String iso(long epochSecond) {
    long offset = epochSecond - START_EPOCH_SECOND;
    if (offset < 0 || offset >= WINDOW_SECONDS) {
      return Instant.ofEpochSecond(epochSecond).toString();
    }
    int day = (int) (offset / 86_400L);
    int secondOfDay = (int) (offset % 86_400L);
    StringBuilder out = new StringBuilder(20).append(DAY_PREFIXES[day]);
    Text.twoDigits(out, secondOfDay / 3_600);
    out.append(':');
    Text.twoDigits(out, secondOfDay / 60 % 60);
    out.append(':');
    Text.twoDigits(out, secondOfDay % 60);
    return out.append('Z').toString();
  }
}
