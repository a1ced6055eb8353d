package io.synthforge.demo;

/** Derives independent seeds from one root seed with the SplitMix64 finaliser. */
final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Seeds() {}

  /** The SplitMix64 finaliser: a bijective, well-mixed hash of {@code z}. */
  static long mix64(long z) {
    long x = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }

  /** The seed of sub-stream {@code index} of the stream named by {@code salt} under {@code rootSeed}. */
  static long derive(long rootSeed, long salt, long index) {
    return mix64(mix64(rootSeed ^ salt) + GOLDEN_GAMMA * (index + 1));
  }
}
