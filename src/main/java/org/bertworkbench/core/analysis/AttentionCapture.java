package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * Everything the attention views draw for one input, copied out of the engine into plain arrays
 * (L = layers, N = heads, T = real tokens of the input, padding dropped, D = head size, H = hidden).
 *
 * <p>{@code valueNorms} and {@code valueGram} come from the transformed value vectors of Kobayashi
 * et al. 2020, {@code f_h(x_j) = (x_j W_V + b_V)_h W_O,h}: head h's slice of the value vector of
 * token j through head h's slice of the output dense weight, an H-vector (see {@link NormWeighted}).
 *
 * @param tokens [T] the word pieces, [CLS] and [SEP] included
 * @param tokenTypeIds [T] 0 for [CLS], sentence A and its [SEP]; 1 for sentence B and its [SEP]
 * @param wordIds [T] the word each piece belongs to, -1 for [CLS] and [SEP] (see {@link WordGroups})
 * @param causal whether the pass let each token see only itself and the tokens before it
 * @param attentions [L][N][T][T] softmax probabilities, row = attending (query) token, column =
 *     attended (key) token; a masked head's rows are zeros
 * @param queries [L][N][T][D] each head's query vectors (before the 1 / sqrt(D) scaling)
 * @param keys [L][N][T][D] each head's key vectors
 * @param valueNorms [L][N][T] {@code ||f_h(x_j)||}
 * @param valueGram [L][T][N][N] {@code <f_h(x_j), f_g(x_j)>} for every token j and pair of heads
 */
public record AttentionCapture(
    List<String> tokens,
    int[] tokenTypeIds,
    int[] wordIds,
    boolean causal,
    float[][][][] attentions,
    float[][][][] queries,
    float[][][][] keys,
    float[][][] valueNorms,
    float[][][][] valueGram) {

  /** Runs the model with its trace on one input and keeps what the attention views need. */
  public static AttentionCapture of(BertForPreTraining model, Encoding encoding, ForwardOptions options) {
    int t = Inspection.realLength(encoding.attentionMask());
    BertConfig config = model.config();
    int layers = config.numHiddenLayers();
    try (NDManager scope = model.newScope()) {
      BertTrace trace = trace(model, encoding, options, scope);
      float[][][][] attentions = new float[layers][][][];
      float[][][][] queries = new float[layers][][][];
      float[][][][] keys = new float[layers][][][];
      float[][][] valueNorms = new float[layers][][];
      float[][][][] valueGram = new float[layers][][][];
      String real = "0, :, :" + t + ", :";
      for (int l = 0; l < layers; l++) {
        attentions[l] = NdArrays.cube(trace.attentions().get(l).get("0, :, :" + t + ", :" + t)); // (N, T, T)
        queries[l] = NdArrays.cube(trace.queries().get(l).get(real)); // (N, T, D)
        keys[l] = NdArrays.cube(trace.keys().get(l).get(real)); // (N, T, D)
        NDArray f = transformedValues(model, l, trace.values().get(l).get(real), scope); // (N, T, H)
        valueNorms[l] = NdArrays.matrix(f.norm(new int[] {-1})); // (N, T)
        NDArray byToken = f.transpose(1, 0, 2); // (T, N, H)
        valueGram[l] = NdArrays.cube(byToken.matMul(byToken.transpose(0, 2, 1))); // (T, N, N)
      }
      return new AttentionCapture(encoding.tokens().subList(0, t), Arrays.copyOf(encoding.tokenTypeIds(), t),
          Arrays.copyOf(encoding.wordIds(), t), options.causal(), attentions, queries, keys, valueNorms,
          valueGram);
    }
  }

  /** Only the attention probabilities [L][N][T][T] of the real tokens: the cheaper pass the statistics need. */
  public static float[][][][] attentions(BertForPreTraining model, Encoding encoding, ForwardOptions options) {
    int t = Inspection.realLength(encoding.attentionMask());
    try (NDManager scope = model.newScope()) {
      List<NDArray> probs = trace(model, encoding, options, scope).attentions();
      float[][][][] out = new float[probs.size()][][][];
      for (int l = 0; l < out.length; l++) {
        out[l] = NdArrays.cube(probs.get(l).get("0, :, :" + t + ", :" + t)); // (N, T, T)
      }
      return out;
    }
  }

  public int layers() {
    return attentions.length;
  }

  public int heads() {
    return attentions[0].length;
  }

  /** T, the number of tokens. */
  public int length() {
    return tokens.size();
  }

  /** D, the size of one head's query, key and value vectors. */
  public int headSize() {
    return queries[0][0][0].length;
  }

  /** The sub-word to word merging for this input. */
  public WordGroups words() {
    return WordGroups.of(tokens, wordIds);
  }

  private static BertTrace trace(BertForPreTraining model, Encoding encoding, ForwardOptions options,
      NDManager scope) {
    BertInput input = BertInput.of(scope, encoding.inputIds(), encoding.tokenTypeIds(), encoding.attentionMask());
    return model.forward(input, options.withTrace(true).withTraining(false)).trace();
  }

  /**
   * {@code f_h(x_j)} for every head and token: (N, T, D) values times each head's (D, H) slice of
   * W_O^T, that is {@code f[h, j, o] = sum_d v[h, j, d] W_O[o, h*D + d]}.
   */
  private static NDArray transformedValues(BertForPreTraining model, int layer, NDArray values, NDManager scope) {
    BertConfig c = model.config();
    NDArray wo = NdArrays.inScope(model.bert().attentionOutputWeight(layer), scope); // (H, H) (out, in)
    NDArray perHead = wo.reshape(c.hiddenSize(), c.numAttentionHeads(), c.headSize()).transpose(1, 2, 0); // (N, D, H)
    return values.matMul(perHead); // (N, T, H)
  }
}
