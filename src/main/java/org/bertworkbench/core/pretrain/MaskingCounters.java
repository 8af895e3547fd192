package org.bertworkbench.core.pretrain;

import java.util.List;

/**
 * Running masking totals since the run (or its resume) started, for the live counters: how many
 * candidate tokens (everything but [CLS] and [SEP]) were seen, how many were selected, and how the
 * selected were replaced.
 */
public record MaskingCounters(long candidates, long selected, long masked, long random, long kept) {

  public static final MaskingCounters ZERO = new MaskingCounters(0, 0, 0, 0, 0);

  /** These totals plus the instances of one batch. */
  public MaskingCounters plus(List<TrainingInstance> batch) {
    long c = candidates;
    long s = selected;
    long m = masked;
    long r = random;
    long k = kept;
    for (TrainingInstance in : batch) {
      c += in.length() - 3;
      for (MaskDecision d : in.decisions()) {
        switch (d) {
          case MASK -> m++;
          case RANDOM -> r++;
          case KEEP -> k++;
          default -> {
            continue;
          }
        }
        s++;
      }
    }
    return new MaskingCounters(c, s, m, r, k);
  }

  /** Selected / candidates (about 0.15). */
  public double selectedFraction() {
    return candidates == 0 ? 0 : (double) selected / candidates;
  }

  /** Of the selected: replaced by [MASK] (about 0.8). */
  public double maskFraction() {
    return selected == 0 ? 0 : (double) masked / selected;
  }

  /** Of the selected: replaced by a random token (about 0.1). */
  public double randomFraction() {
    return selected == 0 ? 0 : (double) random / selected;
  }

  /** Of the selected: left unchanged (about 0.1). */
  public double keptFraction() {
    return selected == 0 ? 0 : (double) kept / selected;
  }
}
