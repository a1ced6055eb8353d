package io.synthforge.provenance;

/**
 * Derives independent seeds from one root seed with the SplitMix64 finaliser: every random choice of a run
 * (shards, rounds, workers, chunks) gets its own stream, reproducible from the root seed in the manifest.
 */
public final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Seeds() {}

  /** The SplitMix64 finaliser: a bijective, well-mixed hash of {@code z}. */
  public static long mix64(long z) {
    long x = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }

  /** The seed of sub-stream {@code index} of the stream named by {@code salt} under {@code rootSeed}. */
  public static long derive(long rootSeed, long salt, long index) {
    return mix64(mix64(rootSeed ^ salt) + GOLDEN_GAMMA * (index + 1));
  }

  /** Stream names ("salts") used across synthforge; each names one kind of random choice. */
  public static long salt(String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h = (h ^ name.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
