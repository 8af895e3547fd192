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

  /**
   * @param hidden (B, T, H) the last layer's output
   * @param layers what each layer computed, first to last
   */
  record Output(NDArray hidden, List<BertLayer.Output> layers) {}

  private final BertConfig config;
  private final List<BertLayer> layers = new ArrayList<>();
  private final boolean frozen;
  private PackedEncoder packed;
  private boolean packTried;
  private PackedEncoder packedBf16;
  private boolean packBf16Tried;
  private volatile boolean bfloat16;

  BertEncoder(ParameterSource w, BertConfig config) {
    this.config = config;
    this.frozen = w.frozen();
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(new BertLayer(w, config, i));
    }
  }

  /**
   * @param x (B, T, H) the embeddings' output
   * @param maskBias additive attention mask, see {@link BertAttention#forward}
   * @param gradientToInput whether a gradient must flow back to {@code x} (attributions)
   */
  Output forward(NDArray x, NDArray maskBias, ForwardOptions options, boolean gradientToInput) {
    if (allHeadsOn(options.headMask()) && PackedEncoder.applies(x, maskBias, frozen, options, gradientToInput)) {
      PackedEncoder p = packed();
      if (p != null) {
        return p.forward(x, maskBias, options.trace());
      }
    }
    List<BertLayer.Output> outputs = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      NDArray headMask = headMask(x.getManager(), options.headMask(), i, x.getDataType()); // (1, N, 1, 1)
      BertLayer.Output out = layers.get(i).forward(x, maskBias, headMask, options.training());
      outputs.add(out);
      x = out.hidden(); // (B, T, H)
    }
    return new Output(x, outputs);
  }

  /** Layer {@code index}, counted from 0. */
  BertLayer layer(int index) {
    return layers.get(index);
  }

  /** Packed passes compute in bfloat16 from now on (see {@link BertModel#computeInBfloat16}). */
  void computeInBfloat16(boolean on) {
    bfloat16 = on;
  }

  /** The packed encoder of the current precision, made on first use; null when this libtorch cannot make one. */
  private synchronized PackedEncoder packed() {
    if (bfloat16) {
      if (!packBf16Tried) {
        packBf16Tried = true;
        packedBf16 = PackedEncoder.pack(layers, config, true);
      }
      return packedBf16;
    }
    if (!packTried) {
      packTried = true;
      packed = PackedEncoder.pack(layers, config, false);
    }
    return packed;
  }

  /** Whether the mask keeps every head (a mask of the wrong size is left to the blocks to refuse). */
  private boolean allHeadsOn(float[][] mask) {
    if (mask == null) {
      return true;
    }
    for (float[] row : mask) {
      if (row != null && row.length != config.numAttentionHeads()) {
        return false;
      }
      for (float v : row == null ? new float[0] : row) {
        if (v != 1f) {
          return false;
        }
      }
    }
    return true;
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
