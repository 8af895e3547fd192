package org.bertworkbench.core.explain;

import java.util.List;
import java.util.Map;
import org.bertworkbench.core.train.Seeds;

/**
 * Hewitt and Liang's control task (2019): every word type gets one tag of its own, drawn at random
 * from the train file's tag distribution and then kept, so that a probe can only score on it by
 * remembering word types. The draw is a pure function of the seed and the word's form (as written,
 * case included), so a dev word gets its tag without having been seen in training, and the same
 * seed gives the same tags on any machine.
 */
final class ControlTask {

  private final long seed;
  private final double[] cumulative;

  /**
   * @param tagCounts how often each tag occurs in the train file, in tag-id order (at least one
   *     positive count)
   */
  ControlTask(long seed, int[] tagCounts) {
    this.seed = seed;
    cumulative = new double[tagCounts.length];
    long total = 0;
    for (int c : tagCounts) {
      if (c < 0) {
        throw new IllegalArgumentException("negative count " + c);
      }
      total += c;
    }
    if (total == 0) {
      throw new IllegalArgumentException("no tag occurs");
    }
    long running = 0;
    for (int i = 0; i < tagCounts.length; i++) {
      running += tagCounts[i];
      cumulative[i] = (double) running / total;
    }
  }

  /** A control task over {@code tags} (in id order) with the counts of {@code counts}. */
  static ControlTask of(long seed, List<String> tags, Map<String, Integer> counts) {
    int[] c = new int[tags.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.getOrDefault(tags.get(i), 0);
    }
    return new ControlTask(seed, c);
  }

  /** The tag id of word type {@code word}: tag i with the probability of its share of the train words. */
  int tag(String word) {
    double u = uniform(word);
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1; // u < 1 = the last cumulative share, but rounding may leave it just short
  }

  /** A number in [0, 1) that depends only on the seed and the word's characters. */
  double uniform(String word) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-16 units, then SplitMix64 with the seed
    for (int i = 0; i < word.length(); i++) {
      h ^= word.charAt(i);
      h *= 0x100000001b3L;
    }
    return (Seeds.mix(seed, h) >>> 11) * 0x1.0p-53;
  }
}
