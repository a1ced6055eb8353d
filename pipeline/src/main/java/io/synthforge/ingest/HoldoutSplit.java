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
    long key = record.offset() >= 0
        ? Seeds.mix64(fileName(record.file()).hashCode() * 0x9e3779b97f4a7c15L + record.offset())
        : Seeds.mix64(record.raw().hashCode());
    long mixed = Seeds.derive(seed, STREAM, key);
    double unit = (mixed >>> 11) * 0x1.0p-53;
    return unit < share;
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }
}
