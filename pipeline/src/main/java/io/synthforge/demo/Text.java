package io.synthforge.demo;

/** Allocation-light formatting and lookup helpers for the simulator's hot loop. */
final class Text {
  private Text() {}

  /** {@code prefix} followed by {@code value} zero-padded to {@code digits} digits. */
  static String prefixedDigits(char prefix, long value, int digits) {
    char[] chars = new char[digits + 1];
    chars[0] = prefix;
    long rest = value;
    for (int i = digits; i >= 1; i--) {
      chars[i] = (char) ('0' + (int) (rest % 10));
      rest /= 10;
    }
    return new String(chars);
  }

  /** {@code cents} as a plain decimal with exactly two fraction digits (e.g. {@code 1234.50}). */
  static String money(long cents) {
    long whole = cents / 100;
    int fraction = (int) (cents % 100);
    return new StringBuilder(16)
        .append(whole)
        .append('.')
        .append((char) ('0' + fraction / 10))
        .append((char) ('0' + fraction % 10))
        .toString();
  }

  /** Appends {@code value} (0..99) as two digits. */
  static void twoDigits(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** The first index whose cumulative weight exceeds {@code u}; {@code cumulative} ends at 1. */
  static int search(double[] cumulative, double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
