package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;

/** The stack of encoder layers (B = batch, T = tokens, H = hidden, N = heads). */
public final class BertEncoder {

  /** Per-layer (B, N, T, D) lists the traced pass fills. */
  record QueryKeyValue(List<NDArray> queries, List<NDArray> keys, List<NDArray> values) {
    static QueryKeyValue empty() {
      return new QueryKeyValue(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

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
   * @param qkv receives each layer's (B, N, T, D) queries, keys and values when not null (needs
   *     {@code attentions})
   * @return (B, T, H) the last layer's output
   */
  NDArray forward(NDArray x, NDArray maskBias, ForwardOptions options, List<NDArray> attentions,
      List<NDArray> hiddenStates, QueryKeyValue qkv) {
    NDArray[] traced = attentions == null ? null : new NDArray[qkv == null ? 1 : 4];
    for (int i = 0; i < layers.size(); i++) {
      NDArray headMask = headMask(x.getManager(), options.headMask(), i, x.getDataType());
      x = layers.get(i).forward(x, maskBias, headMask, options.training(), traced);
      if (attentions != null) {
        attentions.add(traced[BertAttention.PROBS]);
      }
      if (qkv != null) {
        qkv.queries().add(traced[BertAttention.QUERIES]);
        qkv.keys().add(traced[BertAttention.KEYS]);
        qkv.values().add(traced[BertAttention.VALUES]);
      }
      if (hiddenStates != null) {
        hiddenStates.add(x);
      }
    }
    return x;
  }

  /** Layer {@code index}, counted from 0. */
  BertLayer layer(int index) {
    return layers.get(index);
  }

  /** (1, N, 1, 1) for layer i in the activations' type, or null when every head of that layer is on. */
  private NDArray headMask(NDManager manager, float[][] mask, int layer, DataType dataType) {
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
    if (allOn) {
      return null;
    }
    NDArray m = manager.create(row, new Shape(1, row.length, 1, 1)); // (1, N, 1, 1)
    return dataType == DataType.FLOAT32 ? m : m.toType(dataType, false); // float16 scores stay float16
  }
}
