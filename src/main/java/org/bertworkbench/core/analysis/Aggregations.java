package org.bertworkbench.core.analysis;

/**
 * Attention maps combined over heads and layers (L = layers, N = heads, T = tokens; row = attending
 * token, column = attended token). Plain arrays in, new arrays out; nothing is modified.
 */
public final class Aggregations {

  private Aggregations() {}

  /** [N][T][T] -> [T][T]: the mean of a layer's heads. */
  public static float[][] meanOverHeads(float[][][] heads) {
    return mean(heads);
  }

  /** [L][N][T][T] -> [L][T][T]: each layer's mean over its heads. */
  public static float[][][] meanOverHeads(float[][][][] attentions) {
    float[][][] out = new float[attentions.length][][];
    for (int l = 0; l < attentions.length; l++) {
      out[l] = mean(attentions[l]);
    }
    return out;
  }

  /** [L][T][T] -> [T][T]: the mean of the layers' maps (for example of {@link #meanOverHeads(float[][][][])}). */
  public static float[][] meanOverLayers(float[][][] perLayer) {
    return mean(perLayer);
  }

  /**
   * Attention rollout (Abnar and Zuidema 2020). Each layer's map (usually its mean over heads) gets
   * the identity added for the residual connection and its rows renormalised to sum to 1,
   * {@code Â_l = norm(A_l + I)}; the rollout up to layer l is {@code R_l = Â_l R_(l-1)}, with
   * {@code R_0 = Â_0}. Row i of {@code R_l} says how much of token i's representation after layer l
   * comes from each input token.
   *
   * @param perLayer [L][T][T]
   * @return [L][T][T], entry l the rollout through layers 0..l (the last is the usual one)
   */
  public static float[][][] rollout(float[][][] perLayer) {
    float[][][] out = new float[perLayer.length][][];
    double[][] r = null;
    for (int l = 0; l < perLayer.length; l++) {
      double[][] a = withResidual(perLayer[l]);
      r = r == null ? a : multiply(a, r);
      out[l] = toFloat(r);
    }
    return out;
  }

  /** {@code norm(A + I)}: the identity added, then every row divided by its sum. */
  static double[][] withResidual(float[][] a) {
    int t = a.length;
    double[][] out = new double[t][t];
    for (int i = 0; i < t; i++) {
      double sum = 0;
      for (int j = 0; j < t; j++) {
        out[i][j] = a[i][j] + (i == j ? 1 : 0);
        sum += out[i][j];
      }
      for (int j = 0; j < t; j++) {
        out[i][j] /= sum;
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < b.length; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }

  /** [K][R][C] -> [R][C], the element-wise mean of the K matrices. */
  private static float[][] mean(float[][][] maps) {
    int r = maps[0].length;
    int c = maps[0][0].length;
    double[][] sum = new double[r][c];
    for (float[][] m : maps) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          sum[i][j] += m[i][j];
        }
      }
    }
    float[][] out = new float[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        out[i][j] = (float) (sum[i][j] / maps.length);
      }
    }
    return out;
  }

  private static float[][] toFloat(double[][] a) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new float[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = (float) a[i][j];
      }
    }
    return out;
  }
}
