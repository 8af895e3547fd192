package org.bertworkbench.core.analysis;

/**
 * Norm-weighted attention (Kobayashi et al. 2020, "Attention is not only a weight"): how much token
 * j actually moves token i, {@code ||alpha_ij f(x_j)||} rather than the weight {@code alpha_ij}
 * alone, where {@code f_h(x_j) = (x_j W_V + b_V)_h W_O,h} is the value vector transformed by head
 * h's slice of the output dense weight (N = heads, T = tokens).
 *
 * <p>Per head this is {@code alpha^h_ij ||f_h(x_j)||}. For a whole layer the heads' vectors are summed
 * before the norm, {@code ||sum_h alpha^h_ij f_h(x_j)||}, which the Gram matrix of the heads'
 * vectors gives without keeping them: {@code sqrt(sum_h sum_g alpha^h_ij alpha^g_ij <f_h(x_j), f_g(x_j)>)}.
 */
public final class NormWeighted {

  private NormWeighted() {}

  /**
   * @param attention [N][T][T] one layer's weights alpha
   * @param valueNorms [N][T] {@code ||f_h(x_j)||}
   * @return [N][T][T] {@code alpha^h_ij ||f_h(x_j)||}
   */
  public static float[][][] perHead(float[][][] attention, float[][] valueNorms) {
    int n = attention.length;
    int t = attention[0].length;
    float[][][] out = new float[n][t][t];
    for (int h = 0; h < n; h++) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          out[h][i][j] = attention[h][i][j] * valueNorms[h][j];
        }
      }
    }
    return out;
  }

  /**
   * @param attention [N][T][T] one layer's weights alpha
   * @param valueGram [T][N][N] {@code <f_h(x_j), f_g(x_j)>}
   * @return [T][T] {@code ||sum_h alpha^h_ij f_h(x_j)||}
   */
  public static float[][] perLayer(float[][][] attention, float[][][] valueGram) {
    int n = attention.length;
    int t = attention[0].length;
    float[][] out = new float[t][t];
    double[] alpha = new double[n];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        for (int h = 0; h < n; h++) {
          alpha[h] = attention[h][i][j];
        }
        float[][] gram = valueGram[j];
        double squared = 0;
        for (int h = 0; h < n; h++) {
          for (int g = 0; g < n; g++) {
            squared += alpha[h] * alpha[g] * gram[h][g];
          }
        }
        out[i][j] = (float) Math.sqrt(Math.max(0, squared));
      }
    }
    return out;
  }

  /** {@link #perHead} for layer {@code layer} of a capture. */
  public static float[][][] perHead(AttentionCapture capture, int layer) {
    return perHead(capture.attentions()[layer], capture.valueNorms()[layer]);
  }

  /** {@link #perLayer} for layer {@code layer} of a capture. */
  public static float[][] perLayer(AttentionCapture capture, int layer) {
    return perLayer(capture.attentions()[layer], capture.valueGram()[layer]);
  }
}
