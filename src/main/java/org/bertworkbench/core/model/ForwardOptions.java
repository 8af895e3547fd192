package org.bertworkbench.core.model;

/**
 * How one forward pass runs.
 *
 * @param trace keep every intermediate the views draw (embedding parts, attention, hidden states,
 *     each head's queries, keys and values)
 * @param training apply dropout
 * @param headMask {@code [layer][head]}: 1 keeps a head, 0 switches it off (its attention output is
 *     zeroed); null keeps every head
 * @param causal let each token attend only to itself and the tokens before it, as a left-to-right
 *     (GPT-style) model would
 */
public record ForwardOptions(boolean trace, boolean training, float[][] headMask, boolean causal) {

  public static final ForwardOptions INFERENCE = new ForwardOptions(false, false, null, false);
  public static final ForwardOptions TRACE = new ForwardOptions(true, false, null, false);
  public static final ForwardOptions TRAINING = new ForwardOptions(false, true, null, false);

  public ForwardOptions withTrace(boolean on) {
    return new ForwardOptions(on, training, headMask, causal);
  }

  public ForwardOptions withTraining(boolean on) {
    return new ForwardOptions(trace, on, headMask, causal);
  }

  public ForwardOptions withHeadMask(float[][] mask) {
    return new ForwardOptions(trace, training, mask, causal);
  }

  public ForwardOptions withCausal(boolean on) {
    return new ForwardOptions(trace, training, headMask, on);
  }
}
