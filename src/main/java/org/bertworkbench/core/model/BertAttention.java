package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * Multi-head self-attention and its output sub-layer: {@code LayerNorm(x + Dropout(Dense(heads)))}.
 *
 * <p>Shapes: B = batch, T = tokens, H = hidden, N = heads, D = H / N.
 */
public final class BertAttention {

  /**
   * What the sub-layer computed (as Hugging Face returns {@code (context, probs)}).
   *
   * @param hidden (B, T, H) the sub-layer's output
   * @param probs (B, N, T, T) softmax probabilities, after the head mask, before dropout
   * @param queries (B, N, T, D) each head's queries, before the scaling by 1 / sqrt(D)
   * @param keys (B, N, T, D) each head's keys
   * @param values (B, N, T, D) each head's values {@code x W_V + b_V}
   */
  record Output(NDArray hidden, NDArray probs, NDArray queries, NDArray keys, NDArray values) {}

  private final BertConfig config;
  private final NDArray queryWeight; // (H, H)
  private final NDArray queryBias; // (H)
  private final NDArray keyWeight;
  private final NDArray keyBias;
  private final NDArray valueWeight;
  private final NDArray valueBias;
  private final NDArray outputWeight; // (H, H), PyTorch's (out, in)
  private final NDArray outputBias;
  private final NDArray layerNormWeight;
  private final NDArray layerNormBias;

  BertAttention(ParameterSource w, BertConfig config, String prefix) {
    this.config = config;
    long h = config.hiddenSize();
    String s = prefix + "attention.self.";
    queryWeight = w.param(s + "query.weight", Init.NORMAL, h, h);
    queryBias = w.param(s + "query.bias", Init.ZEROS, h);
    keyWeight = w.param(s + "key.weight", Init.NORMAL, h, h);
    keyBias = w.param(s + "key.bias", Init.ZEROS, h);
    valueWeight = w.param(s + "value.weight", Init.NORMAL, h, h);
    valueBias = w.param(s + "value.bias", Init.ZEROS, h);
    String o = prefix + "attention.output.";
    outputWeight = w.param(o + "dense.weight", Init.NORMAL, h, h);
    outputBias = w.param(o + "dense.bias", Init.ZEROS, h);
    layerNormWeight = w.param(o + "LayerNorm.weight", Init.ONES, h);
    layerNormBias = w.param(o + "LayerNorm.bias", Init.ZEROS, h);
  }

  /**
   * @param x (B, T, H)
   * @param maskBias (B, 1, 1, T) or (B, 1, T, T): 0 where attention is allowed, a large negative
   *     number where it is not
   * @param headMask (1, N, 1, 1) of 1s and 0s, or null when every head is on
   */
  Output forward(NDArray x, NDArray maskBias, NDArray headMask, boolean training) {
    NDArray q = splitHeads(Ops.linear(x, queryWeight, queryBias)); // (B, N, T, D)
    NDArray k = splitHeads(Ops.linear(x, keyWeight, keyBias)); // (B, N, T, D)
    NDArray v = splitHeads(Ops.linear(x, valueWeight, valueBias)); // (B, N, T, D)
    // The divisor as an array of the computation's own scope, not div(Number): DJL makes a temporary
    // scalar for a Number and closes it at once, but autograd keeps it for the backward pass, which
    // then reads memory the garbage collector may have freed (NaN gradients after a GC mid-step).
    NDArray sqrtD = q.getManager().create(Math.sqrt(config.headSize()));
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)) // (B, N, T, T)
        .div(sqrtD)
        .add(maskBias);
    NDArray probs = scores.softmax(-1); // (B, N, T, T)
    if (headMask != null) {
      probs = probs.mul(headMask);
    }
    NDArray dropped = Ops.dropout(probs, config.attentionProbsDropoutProb(), training);
    NDArray context = mergeHeads(dropped.matMul(v)); // (B, T, H)
    NDArray out = Ops.linear(context, outputWeight, outputBias); // (B, T, H)
    out = Ops.dropout(out, config.hiddenDropoutProb(), training);
    NDArray hidden = Ops.layerNorm(out.add(x), layerNormWeight, layerNormBias, config.layerNormEps());
    return new Output(hidden, probs, q, k, v);
  }

  /**
   * The sub-layer's ten arrays in the order {@link PackedEncoder} packs them: query, key, value and
   * output dense weight and bias, then the LayerNorm's weight and bias.
   */
  List<NDArray> weights() {
    return List.of(queryWeight, queryBias, keyWeight, keyBias, valueWeight, valueBias, outputWeight, outputBias,
        layerNormWeight, layerNormBias);
  }

  /** The output dense weight (H, H) in PyTorch's (out, in) layout; the model's own array, read-only. */
  NDArray outputWeight() {
    return outputWeight;
  }

  /** (B, T, H) -> (B, N, T, D). */
  private NDArray splitHeads(NDArray x) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    return x.reshape(b, t, config.numAttentionHeads(), config.headSize()).transpose(0, 2, 1, 3);
  }

  /** (B, N, T, D) -> (B, T, H). */
  private NDArray mergeHeads(NDArray x) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(2);
    return x.transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize());
  }
}
