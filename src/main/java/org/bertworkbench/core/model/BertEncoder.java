package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** The stack of encoder layers (B = batch, T = tokens, H = hidden, N = heads). */
public final class BertEncoder {

  private final BertConfig config;
  private final List<BertLayer> layers = new ArrayList<>();

  BertEncoder(BertWeights w, BertConfig config) {
    this.config = config;
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(new BertLayer(w, config, i));
    }
  }

  /**
   * @param x (B, T, H) the embeddings' output
   * @param maskBias additive attention mask, see {@link BertAttention#forward}
   * @param attentions receives each layer's (B, N, T, T) probabilities when not null
   * @param hiddenStates receives each layer's (B, T, H) output when not null
   * @return (B, T, H) the last layer's output
   */
  NDArray forward(NDArray x, NDArray maskBias, ForwardOptions options, List<NDArray> attentions,
      List<NDArray> hiddenStates) {
    NDArray[] probs = attentions == null ? null : new NDArray[1];
    for (int i = 0; i < layers.size(); i++) {
      NDArray headMask = headMask(x.getManager(), options.headMask(), i);
      x = layers.get(i).forward(x, maskBias, headMask, options.training(), probs);
      if (attentions != null) {
        attentions.add(probs[0]);
      }
      if (hiddenStates != null) {
        hiddenStates.add(x);
      }
    }
    return x;
  }

  /** (1, N, 1, 1) for layer i, or null when every head of that layer is on. */
  private NDArray headMask(NDManager manager, float[][] mask, int layer) {
    if (mask == null || layer >= mask.length || mask[layer] == null) {
      return null;
    }
    float[] row = mask[layer];
    if (row.length != config.numAttentionHeads()) {
      throw new IllegalArgumentException("head mask for layer " + layer + " has " + row.length
          + " entries, the model has " + config.numAttentionHeads() + " heads");
    }
    boolean allOn = true;
    for (float v : row) {
      allOn &= v == 1f;
    }
    return allOn ? null : manager.create(row, new Shape(1, row.length, 1, 1));
  }
}
