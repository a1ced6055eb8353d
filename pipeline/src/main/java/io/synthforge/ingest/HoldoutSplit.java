package io.synthforge.ingest;

import io.synthforge.provenance.Seeds;

/**
 * Decides whether a record belongs to the holdout, from a seeded hash of where it came from (the file's name and
 * the byte offset, or its raw text where the source has no offsets). The decision depends neither on how the
 * input was partitioned nor on the directory it was read from, so the same seed splits the same rows on a
 * laptop and on a cluster.
 */
public final class HoldoutSplit {
  private static final long STREAM = Seeds.salt("ingest.holdout");

  private HoldoutSplit() {}

  /** Whether {@code record} falls in the holdout of share {@code share} under {@code seed}. */
  public static boolean isHoldout(RawRecord record, long seed, double share) {
    return record.offset() >= 0
        ? isHoldout(fileName(record.file()), record.offset(), seed, share)
        : decide(Seeds.mix64(record.raw().hashCode()), seed, share);
  }

  /**
   * Whether the item at {@code position} (a byte offset or an index) of the file named {@code name} falls in the
   * holdout. Pass a name that does not depend on where the input is stored: the file name, or a path relative to
   * the input (which tells apart files of the same name in different directories).
   */
  public static boolean isHoldout(String name, long position, long seed, double share) {
    return decide(Seeds.mix64(name.hashCode() * 0x9e3779b97f4a7c15L + position), seed, share);
  }

  private static boolean decide(long key, long seed, double share) {
    long mixed = Seeds.derive(seed, STREAM, key);
    double unit = (mixed >>> 11) * 0x1.0p-53;
    return unit < share;
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }
}
