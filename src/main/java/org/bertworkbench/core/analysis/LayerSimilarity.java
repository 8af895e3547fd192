package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * How two sentences' pooled vectors come together (or apart) through the layers: each sentence run
 * alone, its hidden states after every layer pooled as the model pools its last ones (layer 0 is the
 * embeddings' output, layer L the encoder's, whose pooled vector is the sentence embedding), and the
 * cosine of the two at each layer.
 *
 * @param tokensA sentence A's word pieces, [CLS] and [SEP] included
 * @param tokensB sentence B's
 * @param pooledA [L + 1][H] sentence A's pooled (and, when the pooling says so, normalised) vector at each layer
 * @param pooledB [L + 1][H] sentence B's
 * @param cosines [L + 1] the cosine of the two vectors at each layer
 * @param removedA how many word pieces of sentence A were cut off at the limit (0 when none)
 * @param removedB how many of sentence B's
 */
public record LayerSimilarity(List<String> tokensA, List<String> tokensB, float[][] pooledA, float[][] pooledB,
    double[] cosines, int removedA, int removedB) {

  /** The layer count + 1: the number of values in {@link #cosines}. */
  public int points() {
    return cosines.length;
  }

  /**
   * Runs both sentences and compares them layer by layer.
   *
   * @param limit the longest input in word pieces ({@link SentencePooling#limit})
   * @param options the forward options (a head mask, or {@link ForwardOptions#INFERENCE}); tracing is
   *     turned on here
   */
  public static LayerSimilarity of(LoadedBert model, String a, String b, SentencePooling pooling, int limit,
      ForwardOptions options) {
    Encoding ea = model.encode(a, null, limit);
    Encoding eb = model.encode(b, null, limit);
    float[][] pa = pooledLayers(model, ea, pooling, options);
    float[][] pb = pooledLayers(model, eb, pooling, options);
    return new LayerSimilarity(ea.tokens(), eb.tokens(), pa, pb, cosines(pa, pb), ea.removedPieces(),
        eb.removedPieces());
  }

  /** The cosine of {@code a[l]} and {@code b[l]} for every layer l. */
  public static double[] cosines(float[][] a, float[][] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " and " + b.length + " layers");
    }
    double[] out = new double[a.length];
    for (int l = 0; l < a.length; l++) {
      out[l] = SentenceEmbedding.cosine(a[l], b[l]);
    }
    return out;
  }

  /** One sentence's hidden states at every layer, each pooled: [L + 1][H]. */
  static float[][] pooledLayers(LoadedBert model, Encoding e, SentencePooling pooling, ForwardOptions options) {
    int h = model.model().config().hiddenSize();
    int t = e.length();
    try (NDManager scope = model.model().newScope()) {
      List<NDArray> states = model.model().forward(BertInput.of(scope, e.inputIds(), e.tokenTypeIds(),
          e.attentionMask()), options.withTrace(true)).trace().hiddenStates(); // (L+1) x (1, T, H)
      float[][] out = new float[states.size()][];
      for (int l = 0; l < out.length; l++) {
        float[] flat = states.get(l).toType(DataType.FLOAT32, false).toFloatArray();
        out[l] = SentenceEmbedding.pool(flat, 0, t, h, e.attentionMask(), pooling.mode(), pooling.normalize());
      }
      return out;
    }
  }
}
