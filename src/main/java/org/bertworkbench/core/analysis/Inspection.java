package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * One input's trace copied out of the engine into plain arrays, for views and exports
 * (T = tokens of the input, H = hidden, L = layers, N = heads).
 *
 * @param tokenEmbeddings [T][H]
 * @param segmentEmbeddings [T][H]
 * @param positionEmbeddings [T][H]
 * @param embeddingSum [T][H] token + segment + position
 * @param normalized [T][H] LayerNorm of the sum: the first encoder layer's input
 * @param attentions [L][N][T][T]
 * @param hiddenStates [L + 1][T][H]; the first is {@code normalized}
 */
public record Inspection(
    float[][] tokenEmbeddings,
    float[][] segmentEmbeddings,
    float[][] positionEmbeddings,
    float[][] embeddingSum,
    float[][] normalized,
    float[][][][] attentions,
    float[][][] hiddenStates) {

  /** Runs the model with its trace on one input; only real tokens are kept, padding is dropped. */
  public static Inspection of(BertForPreTraining model, Encoding encoding, ForwardOptions options) {
    int t = realLength(encoding.attentionMask());
    try (NDManager scope = model.newScope()) {
      BertInput input = BertInput.of(scope, encoding.inputIds(), encoding.tokenTypeIds(),
          encoding.attentionMask());
      BertTrace trace = model.forward(input, options.withTrace(true)).trace();
      List<NDArray> attn = trace.attentions();
      float[][][][] attentions = new float[attn.size()][][][];
      for (int l = 0; l < attn.size(); l++) {
        NDArray a = attn.get(l).get("0, :, :" + t + ", :" + t); // (N, T, T)
        attentions[l] = cube(a);
      }
      List<NDArray> hs = trace.hiddenStates();
      float[][][] hidden = new float[hs.size()][][];
      for (int l = 0; l < hs.size(); l++) {
        hidden[l] = rows(hs.get(l), t);
      }
      return new Inspection(rows(trace.tokenEmbeddings(), t), rows(trace.segmentEmbeddings(), t),
          rows(trace.positionEmbeddings(), t), rows(trace.embeddingSum(), t), hidden[0],
          attentions, hidden);
    }
  }

  static int realLength(int[] attentionMask) {
    int t = 0;
    for (int m : attentionMask) {
      t += m;
    }
    return t;
  }

  /** The first batch row of a (B, T, H) array, first {@code t} tokens, as [t][H]. */
  private static float[][] rows(NDArray batch, int t) {
    return matrix(batch.get("0, :" + t + ", :"));
  }

  private static float[][] matrix(NDArray a) {
    int r = (int) a.getShape().get(0);
    int c = (int) a.getShape().get(1);
    float[] flat = a.toFloatArray();
    float[][] out = new float[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(flat, i * c, out[i], 0, c);
    }
    return out;
  }

  private static float[][][] cube(NDArray a) {
    int n = (int) a.getShape().get(0);
    int r = (int) a.getShape().get(1);
    int c = (int) a.getShape().get(2);
    float[] flat = a.toFloatArray();
    float[][][] out = new float[n][r][c];
    for (int h = 0; h < n; h++) {
      for (int i = 0; i < r; i++) {
        System.arraycopy(flat, (h * r + i) * c, out[h][i], 0, c);
      }
    }
    return out;
  }
}
