package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * BERT's input: token + segment + position embeddings, summed, then LayerNorm and dropout.
 *
 * <p>Shapes: B = batch, T = tokens, H = hidden, V = vocabulary, P = positions, S = segments.
 */
public final class BertEmbeddings {

  /**
   * What the embeddings computed.
   *
   * @param hidden (B, T, H) LayerNorm(token + segment + position), after dropout when training
   * @param token (B, T, H) rows of the word embedding table
   * @param segment (B, T, H) rows of the token-type table
   * @param position (1, T, H) rows of the position table, the same for every sequence
   * @param sum (B, T, H) token + segment + position, before LayerNorm
   */
  record Output(NDArray hidden, NDArray token, NDArray segment, NDArray position, NDArray sum) {}

  /**
   * The three lookups before they are summed: what attributions are computed for.
   *
   * @param token (B, T, H) rows of the word embedding table
   * @param segment (B, T, H) rows of the token-type table
   * @param position (B, T, H) rows of the position table
   */
  public record Parts(NDArray token, NDArray segment, NDArray position) {

    /** (B, T, H) token + segment + position, the input of the embeddings' LayerNorm. */
    public NDArray sum() {
      return token.add(segment).add(position);
    }
  }

  private final BertConfig config;
  private final NDArray wordEmbeddings; // (V, H)
  private final NDArray positionEmbeddings; // (P, H)
  private final NDArray tokenTypeEmbeddings; // (S, H)
  private final NDArray layerNormWeight; // (H)
  private final NDArray layerNormBias; // (H)

  BertEmbeddings(ParameterSource w, BertConfig config) {
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
   * The rows of the three tables at the given ids, each (B, T) int64; the position ids are given
   * too, so that a baseline can look up position 0 everywhere.
   */
  Parts lookUp(NDArray wordIds, NDArray typeIds, NDArray positionIds) {
    return new Parts(Ops.embedding(wordIds, wordEmbeddings), Ops.embedding(typeIds, tokenTypeEmbeddings),
        Ops.embedding(positionIds, positionEmbeddings));
  }

  /** LayerNorm (and dropout when training) of a sum of the three parts, (B, T, H). */
  NDArray normalise(NDArray sum, boolean training) {
    NDArray x = Ops.layerNorm(sum, layerNormWeight, layerNormBias, config.layerNormEps()); // (B, T, H)
    return Ops.dropout(x, config.hiddenDropoutProb(), training);
  }

  /**
   * Whether the segment table adds anything: false for a table of zeros, as DistilBERT's
   * conversion makes (it has no segment embeddings).
   */
  boolean hasSegments() {
    return tokenTypeEmbeddings.abs().max().getFloat() > 0;
  }

  /**
   * @param inputIds (B, T) int64
   * @param tokenTypeIds (B, T) int64
   */
  Output forward(NDArray inputIds, NDArray tokenTypeIds, boolean training) {
    NDManager m = inputIds.getManager();
    long t = inputIds.getShape().get(1);
    NDArray positionIds = m.arange(0, (int) t, 1, DataType.INT64).expandDims(0); // (1, T)
    NDArray token = Ops.embedding(inputIds, wordEmbeddings); // (B, T, H)
    NDArray segment = Ops.embedding(tokenTypeIds, tokenTypeEmbeddings); // (B, T, H)
    NDArray position = Ops.embedding(positionIds, positionEmbeddings); // (1, T, H)
    NDArray sum = token.add(segment).add(position); // (B, T, H)
    return new Output(normalise(sum, training), token, segment, position, sum);
  }
}
