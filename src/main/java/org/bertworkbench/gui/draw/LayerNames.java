package org.bertworkbench.gui.draw;

import org.bertworkbench.gui.text.Texts;

/**
 * How every view names layers: counted from 0, as Hugging Face and BertViz count them, the same in
 * the Attention tab (layer 0 .. L-1) and wherever hidden states are shown. Hidden state k is
 * {@code hidden_states[k]}: k = 0 is the embeddings' output (never a layer), k >= 1 the output of
 * layer k - 1.
 */
public final class LayerNames {

  private static final Texts T = Texts.of(LayerNames.class);

  private LayerNames() {}

  /** "embeddings" for hidden state 0, else "layer k-1" (the layer whose output it is). */
  public static String hiddenState(int k) {
    return k == 0 ? T.get("LayerNames.embeddings") : T.format("LayerNames.layer", k - 1);
  }

  /** The same in a sentence: "the embeddings (hidden_states[0], input of layer 0)" or "the output of layer k-1". */
  public static String outputOf(int k) {
    return k == 0 ? T.get("LayerNames.embeddingsOutput") : T.format("LayerNames.outputOfLayer", k - 1);
  }
}
