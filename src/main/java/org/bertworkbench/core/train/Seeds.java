package org.bertworkbench.core.train;

/**
 * Derives independent seeds from a run's seed, so that everything random in step N (its instances,
 * its dropout) is a pure function of (seed, N): a resumed run sees what an uninterrupted one saw.
 */
public final class Seeds {

  private Seeds() {}

  /** SplitMix64 over the parts: well-mixed, stable across Java versions. */
  public static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = finish(h ^ finish(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
