package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * The two pretraining heads. Masked LM: {@code LayerNorm(GELU(Dense(h)))} then a decoder that is the
 * word embedding table itself (tied), plus a bias. Next-sentence prediction: a 2-way classifier on
 * the pooled {@code [CLS]} vector. Shapes: M = masked positions, H = hidden, V = vocabulary.
 */
public final class BertPreTrainingHeads {

  private final BertConfig config;
  private final NDArray decoderWeight; // (V, H), the word embeddings
  private final NDArray transformWeight; // (H, H)
  private final NDArray transformBias;
  private final NDArray layerNormWeight;
  private final NDArray layerNormBias;
  private final NDArray decoderBias; // (V)
  private final NDArray nspWeight; // (2, H)
  private final NDArray nspBias; // (2)

  BertPreTrainingHeads(ParameterSource w, BertConfig config, NDArray wordEmbeddings) {
    this.config = config;
    long h = config.hiddenSize();
    decoderWeight = wordEmbeddings;
    String p = "cls.predictions.";
    transformWeight = w.optionalParam(p + "transform.dense.weight", Init.NORMAL, h, h);
    transformBias = w.optionalParam(p + "transform.dense.bias", Init.ZEROS, h);
    layerNormWeight = w.optionalParam(p + "transform.LayerNorm.weight", Init.ONES, h);
    layerNormBias = w.optionalParam(p + "transform.LayerNorm.bias", Init.ZEROS, h);
    decoderBias = w.optionalParam(p + "bias", Init.ZEROS, config.vocabSize());
    nspWeight = w.optionalParam("cls.seq_relationship.weight", Init.NORMAL, 2, h);
    nspBias = w.optionalParam("cls.seq_relationship.bias", Init.ZEROS, 2);
  }

  /** (..., H) hidden vectors -> (..., V) vocabulary logits. */
  public NDArray mlmLogits(NDArray hidden) {
    NDArray x = Activation.gelu(Ops.linear(hidden, transformWeight, transformBias));
    x = Ops.layerNorm(x, layerNormWeight, layerNormBias, config.layerNormEps());
    return Ops.linear(x, decoderWeight, decoderBias);
  }

  /** (B, H) pooled vectors -> (B, 2) logits; index 0 is "B follows A" (IsNext), as in Google's code. */
  public NDArray nspLogits(NDArray pooled) {
    return Ops.linear(pooled, nspWeight, nspBias);
  }
}
