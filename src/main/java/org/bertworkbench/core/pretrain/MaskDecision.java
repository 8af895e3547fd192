package org.bertworkbench.core.pretrain;

import java.util.Locale;

/** What masked-LM pretraining did to one input position. */
public enum MaskDecision {
  /** Not selected for prediction. */
  NONE,
  /** Selected and replaced by [MASK] (80% of the selected). */
  MASK,
  /** Selected and replaced by a random vocabulary token (10%). */
  RANDOM,
  /** Selected and left as it was (10%): the model must still predict it. */
  KEEP;

  /** The name used in batches.jsonl: "none", "mask", "random" or "keep". */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
