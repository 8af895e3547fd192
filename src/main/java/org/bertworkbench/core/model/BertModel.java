package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;

/**
 * BERT itself: embeddings, the encoder stack and the pooler, as in the paper and in Hugging Face's
 * {@code BertModel}. Shapes: B = batch, T = tokens, H = hidden, N = heads.
 */
public final class BertModel {

  /** Added to attention scores where attention is not allowed (Google's BERT uses -10000). */
  static final float MASKED_SCORE = -10000f;

  /**
   * @param sequenceOutput (B, T, H) the last layer's output
   * @param pooledOutput (B, H) tanh(Dense([CLS]))
   * @param trace every intermediate, or null when not asked for
   */
  public record Output(NDArray sequenceOutput, NDArray pooledOutput, BertTrace trace) {}

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final BertEncoder encoder;
  private final BertPooler pooler;
  private final DataType dataType;

  BertModel(BertWeights w, BertConfig config) {
    this.config = config;
    this.dataType = w.dataType();
    embeddings = new BertEmbeddings(w, config);
    encoder = new BertEncoder(w, config);
    pooler = new BertPooler(w, config);
  }

  public BertConfig config() {
    return config;
  }

  BertEmbeddings embeddings() {
    return embeddings;
  }

  /**
   * Layer {@code layer}'s attention output dense weight W_O, (H, H) in PyTorch's (out, in) layout:
   * the sub-layer computes {@code context W_O^T + b_O}, and columns {@code h*D .. (h+1)*D - 1} are
   * head h's slice (as in Kobayashi et al. 2020). The model's own array: read it, never modify or
   * close it.
   */
  public NDArray attentionOutputWeight(int layer) {
    if (layer < 0 || layer >= config.numHiddenLayers()) {
      throw new IllegalArgumentException("layer " + layer + " is outside 0-" + (config.numHiddenLayers() - 1));
    }
    return encoder.layer(layer).attention().outputWeight();
  }

  /** Runs the batch; every array returned belongs to the input's manager. */
  public Output forward(BertInput input, ForwardOptions options) {
    long t = input.length();
    if (t > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(t + " tokens is more than this model's "
          + config.maxPositionEmbeddings() + " positions");
    }
    BertEmbeddings.Parts[] parts = options.trace() ? new BertEmbeddings.Parts[1] : null;
    NDArray x = embeddings.forward(input.inputIds(), input.tokenTypeIds(), options.training(), parts);
    List<NDArray> attentions = options.trace() ? new ArrayList<>() : null;
    List<NDArray> hidden = options.trace() ? new ArrayList<>() : null;
    BertEncoder.QueryKeyValue qkv = options.trace() ? BertEncoder.QueryKeyValue.empty() : null;
    if (hidden != null) {
      hidden.add(x);
    }
    NDArray maskBias = maskBias(input.attentionMask(), options.causal(), dataType);
    NDArray sequence = encoder.forward(x, maskBias, options, attentions, hidden, qkv);
    NDArray pooled = pooler.forward(sequence);
    BertTrace trace = parts == null ? null : new BertTrace(parts[0].token(), parts[0].segment(),
        parts[0].position(), parts[0].sum(), attentions, hidden, qkv.queries(), qkv.keys(),
        qkv.values());
    return new Output(sequence, pooled, trace);
  }

  /**
   * The additive mask: 0 where a query may attend to a key, {@link #MASKED_SCORE} where the key is
   * padding or, when causal, lies to the right of the query. (B, 1, 1, T) or (B, 1, T, T), of
   * the model's type (-10000 is exact in float16 too), so that adding it keeps float16 scores
   * float16.
   */
  static NDArray maskBias(NDArray attentionMask, boolean causal, DataType dataType) {
    NDManager m = attentionMask.getManager();
    NDArray keys = attentionMask.toType(dataType, false).expandDims(1).expandDims(1); // (B,1,1,T)
    NDArray bias = keys.neg().add(1f).mul(MASKED_SCORE);
    if (!causal) {
      return bias;
    }
    long t = attentionMask.getShape().get(1);
    float[] future = new float[(int) (t * t)];
    for (int q = 0; q < t; q++) {
      for (int k = q + 1; k < t; k++) {
        future[(int) (q * t + k)] = MASKED_SCORE;
      }
    }
    NDArray causalBias = m.create(future, new Shape(1, 1, t, t)); // (1, 1, T, T)
    if (dataType != DataType.FLOAT32) {
      causalBias = causalBias.toType(dataType, false);
    }
    return bias.add(causalBias); // (B, 1, T, T)
  }
}
