package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * One encoder layer: self-attention, then the feed-forward sub-layer
 * {@code LayerNorm(a + Dropout(Dense(GELU(Dense(a)))))} with the exact erf GELU.
 *
 * <p>Shapes: B = batch, T = tokens, H = hidden, I = intermediate.
 */
public final class BertLayer {

  /**
   * @param hidden (B, T, H) the layer's output
   * @param attention what its self-attention computed
   */
  record Output(NDArray hidden, BertAttention.Output attention) {}

  private final BertConfig config;
  private final BertAttention attention;
  private final NDArray intermediateWeight; // (I, H)
  private final NDArray intermediateBias; // (I)
  private final NDArray outputWeight; // (H, I)
  private final NDArray outputBias; // (H)
  private final NDArray layerNormWeight;
  private final NDArray layerNormBias;

  BertLayer(ParameterSource w, BertConfig config, int index) {
    this.config = config;
    String p = "bert.encoder.layer." + index + ".";
    long h = config.hiddenSize();
    long i = config.intermediateSize();
    attention = new BertAttention(w, config, p);
    intermediateWeight = w.param(p + "intermediate.dense.weight", Init.NORMAL, i, h);
    intermediateBias = w.param(p + "intermediate.dense.bias", Init.ZEROS, i);
    outputWeight = w.param(p + "output.dense.weight", Init.NORMAL, h, i);
    outputBias = w.param(p + "output.dense.bias", Init.ZEROS, h);
    layerNormWeight = w.param(p + "output.LayerNorm.weight", Init.ONES, h);
    layerNormBias = w.param(p + "output.LayerNorm.bias", Init.ZEROS, h);
  }

  BertAttention attention() {
    return attention;
  }

  /** The layer's sixteen arrays: the attention's ten, then the feed-forward's (see {@link PackedEncoder}). */
  List<NDArray> weights() {
    List<NDArray> all = new ArrayList<>(attention.weights());
    all.addAll(List.of(intermediateWeight, intermediateBias, outputWeight, outputBias, layerNormWeight, layerNormBias));
    return all;
  }

  /** (B, T, H) -> (B, T, H); see {@link BertAttention#forward} for the other arguments. */
  Output forward(NDArray x, NDArray maskBias, NDArray headMask, boolean training) {
    BertAttention.Output attended = attention.forward(x, maskBias, headMask, training);
    NDArray a = attended.hidden(); // (B, T, H)
    NDArray inner = Activation.gelu(Ops.linear(a, intermediateWeight, intermediateBias)); // (B, T, I)
    NDArray out = Ops.linear(inner, outputWeight, outputBias); // (B, T, H)
    out = Ops.dropout(out, config.hiddenDropoutProb(), training);
    return new Output(Ops.layerNorm(out.add(a), layerNormWeight, layerNormBias, config.layerNormEps()), attended);
  }
}
