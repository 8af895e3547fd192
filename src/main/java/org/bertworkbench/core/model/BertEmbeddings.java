package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * BERT's input: token + segment + position embeddings, summed, then LayerNorm and dropout.
 *
 * <p>Shapes: B = batch, T = tokens, H = hidden, V = vocabulary, P = positions, S = segments.
 */
public final class BertEmbeddings {

  /** The three parts and their sum, kept when a trace is asked for. */
  record Parts(NDArray token, NDArray segment, NDArray position, NDArray sum) {}

  private final BertConfig config;
  private final NDArray wordEmbeddings; // (V, H)
  private final NDArray positionEmbeddings; // (P, H)
  private final NDArray tokenTypeEmbeddings; // (S, H)
  private final NDArray layerNormWeight; // (H)
  private final NDArray layerNormBias; // (H)

  BertEmbeddings(BertWeights w, BertConfig config) {
    this.config = config;
    String p = "bert.embeddings.";
    long h = config.hiddenSize();
    wordEmbeddings = w.param(p + "word_embeddings.weight", Init.NORMAL, config.vocabSize(), h);
    positionEmbeddings =
        w.param(p + "position_embeddings.weight", Init.NORMAL, config.maxPositionEmbeddings(), h);
    tokenTypeEmbeddings =
        w.param(p + "token_type_embeddings.weight", Init.NORMAL, config.typeVocabSize(), h);
    layerNormWeight = w.param(p + "LayerNorm.weight", Init.ONES, h);
    layerNormBias = w.param(p + "LayerNorm.bias", Init.ZEROS, h);
  }

  /** The word embedding table, shared with the MLM decoder. */
  NDArray wordEmbeddings() {
    return wordEmbeddings;
  }

  /**
   * @param inputIds (B, T) int64
   * @param tokenTypeIds (B, T) int64
   * @param parts receives the three parts and their sum when not null
   * @return (B, T, H) LayerNorm(token + segment + position), after dropout when training
   */
  NDArray forward(NDArray inputIds, NDArray tokenTypeIds, boolean training, Parts[] parts) {
    NDManager m = inputIds.getManager();
    long t = inputIds.getShape().get(1);
    NDArray positionIds = m.arange(0, (int) t, 1, DataType.INT64).expandDims(0); // (1, T)
    NDArray token = lookup(inputIds, wordEmbeddings); // (B, T, H)
    NDArray segment = lookup(tokenTypeIds, tokenTypeEmbeddings); // (B, T, H)
    NDArray position = lookup(positionIds, positionEmbeddings); // (1, T, H)
    NDArray sum = token.add(segment).add(position); // (B, T, H)
    if (parts != null) {
      parts[0] = new Parts(token, segment, position.broadcast(token.getShape()), sum);
    }
    NDArray x = layerNorm(sum, layerNormWeight, layerNormBias, config);
    return Dropout.dropout(x, (float) config.hiddenDropoutProb(), training).singletonOrThrow();
  }

  /** Rows of {@code table} (K, H) for the ids (..., ) -> (..., H). */
  private static NDArray lookup(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** LayerNorm over the last axis with BERT's epsilon. */
  static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, BertConfig config) {
    return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), weight, bias,
        (float) config.layerNormEps()).singletonOrThrow();
  }
}
