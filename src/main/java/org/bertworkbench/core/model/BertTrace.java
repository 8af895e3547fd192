package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one forward pass computed on its way, for the views (B = batch, T = tokens, H = hidden,
 * N = heads). All arrays belong to the caller's manager.
 *
 * @param tokenEmbeddings (B, T, H) rows of the word embedding table
 * @param segmentEmbeddings (B, T, H) rows of the token-type table
 * @param positionEmbeddings (B, T, H) rows of the position table
 * @param embeddingSum (B, T, H) token + segment + position, before LayerNorm
 * @param attentions one (B, N, T, T) per layer: softmax probabilities, after any head mask
 * @param hiddenStates layers + 1 arrays of (B, T, H); the first is the embeddings' output (the sum
 *     after LayerNorm), the last the encoder's output
 * @param queries one (B, N, T, D) per layer (D = H / N): each head's query vectors, before the
 *     scaling by 1 / sqrt(D)
 * @param keys one (B, N, T, D) per layer: each head's key vectors
 * @param values one (B, N, T, D) per layer: each head's value vectors {@code x W_V + b_V}
 */
public record BertTrace(
    NDArray tokenEmbeddings,
    NDArray segmentEmbeddings,
    NDArray positionEmbeddings,
    NDArray embeddingSum,
    List<NDArray> attentions,
    List<NDArray> hiddenStates,
    List<NDArray> queries,
    List<NDArray> keys,
    List<NDArray> values) {

  /** A trace without the per-head vectors (their lists are empty). */
  public BertTrace(NDArray tokenEmbeddings, NDArray segmentEmbeddings, NDArray positionEmbeddings,
      NDArray embeddingSum, List<NDArray> attentions, List<NDArray> hiddenStates) {
    this(tokenEmbeddings, segmentEmbeddings, positionEmbeddings, embeddingSum, attentions, hiddenStates,
        List.of(), List.of(), List.of());
  }

  /** The trace of one pass, from what the embeddings and each encoder layer returned. */
  static BertTrace of(BertEmbeddings.Output embeddings, BertEncoder.Output encoder) {
    int n = encoder.layers().size();
    List<NDArray> attentions = new ArrayList<>(n);
    List<NDArray> hidden = new ArrayList<>(n + 1);
    List<NDArray> queries = new ArrayList<>(n);
    List<NDArray> keys = new ArrayList<>(n);
    List<NDArray> values = new ArrayList<>(n);
    hidden.add(embeddings.hidden());
    for (BertLayer.Output layer : encoder.layers()) {
      attentions.add(layer.attention().probs());
      queries.add(layer.attention().queries());
      keys.add(layer.attention().keys());
      values.add(layer.attention().values());
      hidden.add(layer.hidden());
    }
    NDArray token = embeddings.token(); // (B, T, H), null when the pass began at the sum
    NDArray position = token == null ? null : embeddings.position().broadcast(token.getShape());
    return new BertTrace(token, embeddings.segment(), position,
        embeddings.sum(), List.copyOf(attentions), List.copyOf(hidden), List.copyOf(queries),
        List.copyOf(keys), List.copyOf(values));
  }

  /** The embeddings' output: LayerNorm of the sum, the input of the first encoder layer. */
  public NDArray embeddingOutput() {
    return hiddenStates.get(0);
  }
}
