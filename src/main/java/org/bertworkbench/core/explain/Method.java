package org.bertworkbench.core.explain;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/** The ways a prediction is split over its input tokens. */
public enum Method {
  /** Integrated gradients (Sundararajan et al. 2017) along the straight path from the baseline. */
  INTEGRATED_GRADIENTS("integrated-gradients", true),
  /** The gradient times the input, at the real input. */
  GRAD_X_INPUT("grad-x-input", true),
  /** f(x) − f(x with one token's word part replaced by [PAD]'s), one token at a time. */
  OCCLUSION("occlusion", false),
  /** The target position's attention to each token, the mean over the last layer's heads. */
  ATTENTION("attention", false),
  /** Attention rollout (Abnar and Zuidema 2020) from the target position. */
  ROLLOUT("rollout", false);

  private final String cliName;
  private final boolean splitsParts;

  Method(String cliName, boolean splitsParts) {
    this.cliName = cliName;
    this.splitsParts = splitsParts;
  }

  /** How the command line and JSON write it. */
  public String cliName() {
    return cliName;
  }

  /** Whether the method splits a token's share over the word, segment and position parts. */
  public boolean splitsParts() {
    return splitsParts;
  }

  /** The method the command line names. */
  public static Method parse(String name) {
    for (Method m : values()) {
      if (m.cliName.equals(name)) {
        return m;
      }
    }
    throw new BadInputException(Message.of(Method.class, "Method.unknown", name));
  }
}
