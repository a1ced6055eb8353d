package io.synthforge.constraint;

import io.synthforge.api.ColumnType;
import java.math.BigDecimal;

/** The number of decimals a numeric column's values are written with, judged from a sample of them. */
public final class Precision {
  /** Beyond this many decimals a column counts as having no fixed precision. */
  public static final int MAX_DECIMALS = 6;

  private Precision() {}

  /** The decimals every value of {@code sample} fits in (0 for integral and temporal types), or -1 when above 6. */
  public static int decimals(double[] sample, ColumnType type) {
    if (type.isIntegral() || type.isTemporal()) {
      return 0;
    }
    int most = 0;
    for (double value : sample) {
      if (value == Math.rint(value) || !Double.isFinite(value)) {
        continue;
      }
      String text = type == ColumnType.FLOAT ? Float.toString((float) value) : Double.toString(value);
      int scale = new BigDecimal(text).stripTrailingZeros().scale();
      if (scale > MAX_DECIMALS) {
        return -1;
      }
      most = Math.max(most, scale);
    }
    return most;
  }
}
