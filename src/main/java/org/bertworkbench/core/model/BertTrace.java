package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
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
 */
public record BertTrace(
    NDArray tokenEmbeddings,
    NDArray segmentEmbeddings,
    NDArray positionEmbeddings,
    NDArray embeddingSum,
    List<NDArray> attentions,
    List<NDArray> hiddenStates) {

  /** The embeddings' output: LayerNorm of the sum, the input of the first encoder layer. */
  public NDArray embeddingOutput() {
    return hiddenStates.get(0);
  }
}
