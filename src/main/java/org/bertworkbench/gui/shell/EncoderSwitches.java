package org.bertworkbench.gui.shell;

import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.text.Texts;

/**
 * What the user switched inside the encoder, for every tab at once: heads switched off and
 * left-to-right (causal) attention. The Attention tab sets it; the views that show the encoder's
 * outputs (fill-mask, next sentence, hidden states) compute with it too, and say so; the views
 * before the encoder (tokens, embeddings) are the same either way.
 *
 * @param headMask the model's head mask, [layers][heads], 1 keeps a head and 0 switches it off;
 *     null keeps every head
 * @param headsOff how many heads are off
 * @param causal each token attends only to itself and the tokens before it
 */
public record EncoderSwitches(float[][] headMask, int headsOff, boolean causal) {

  private static final Texts T = Texts.of(EncoderSwitches.class);

  /** Every head on, attention both ways: the model as it was trained. */
  public static final EncoderSwitches NONE = new EncoderSwitches(null, 0, false);

  /** Whether anything is switched, so that the encoder's outputs differ from the whole model's. */
  public boolean active() {
    return headsOff > 0 || causal;
  }

  /** {@code base} with these switches. */
  public ForwardOptions applyTo(ForwardOptions base) {
    return base.withHeadMask(headsOff > 0 ? headMask : null).withCausal(causal);
  }

  /** The switches in words: "3 heads off, left-to-right"; "every head on, both ways" when none. */
  public String describe() {
    if (!active()) {
      return T.get("EncoderSwitches.none");
    }
    String heads = headsOff == 0 ? "" : T.format("EncoderSwitches.headsOff", headsOff);
    String direction = causal ? T.get("EncoderSwitches.causal") : "";
    return heads.isEmpty() ? direction : direction.isEmpty() ? heads : T.format("EncoderSwitches.both", heads, direction);
  }
}
