package org.bertworkbench.core.analysis;

import java.util.Map;
import org.bertworkbench.core.config.BertConfig;

/**
 * One BERT encoder layer computed by hand, in doubles, from the weights (Hugging Face names, PyTorch
 * (out, in) layout), with one head's context vector zeroed: the paper's definition of masking a
 * head, written out without the engine (T = tokens, H = hidden, N = heads, D = head size).
 */
final class HandLayer {

  private HandLayer() {}

  /**
   * @param x [T][H] the layer's input
   * @param zeroHead the head whose context is zeroed, or -1 for none
   * @return [T][H] the layer's output
   */
  static float[][] forward(Map<String, float[]> w, BertConfig c, int layer, float[][] x, int zeroHead) {
    int h = c.hiddenSize();
    int d = c.headSize();
    int t = x.length;
    String p = "bert.encoder.layer." + layer + ".";
    String s = p + "attention.self.";
    float[][] q = linear(x, w.get(s + "query.weight"), w.get(s + "query.bias"), h);
    float[][] k = linear(x, w.get(s + "key.weight"), w.get(s + "key.bias"), h);
    float[][] v = linear(x, w.get(s + "value.weight"), w.get(s + "value.bias"), h);
    float[][] context = new float[t][h];
    for (int head = 0; head < c.numAttentionHeads(); head++) {
      if (head == zeroHead) {
        continue; // its context stays zero
      }
      int o = head * d;
      for (int i = 0; i < t; i++) {
        double[] scores = new double[t];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < t; j++) {
          for (int e = 0; e < d; e++) {
            scores[j] += (double) q[i][o + e] * k[j][o + e];
          }
          scores[j] /= Math.sqrt(d);
          max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < t; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (int j = 0; j < t; j++) {
          for (int e = 0; e < d; e++) {
            context[i][o + e] += (float) (scores[j] / sum * v[j][o + e]);
          }
        }
      }
    }
    String ao = p + "attention.output.";
    float[][] a = layerNorm(add(linear(context, w.get(ao + "dense.weight"), w.get(ao + "dense.bias"), h), x),
        w.get(ao + "LayerNorm.weight"), w.get(ao + "LayerNorm.bias"), c.layerNormEps());
    float[][] inner = linear(a, w.get(p + "intermediate.dense.weight"), w.get(p + "intermediate.dense.bias"),
        c.intermediateSize());
    for (float[] row : inner) {
      for (int e = 0; e < row.length; e++) {
        row[e] = (float) gelu(row[e]);
      }
    }
    float[][] out = linear(inner, w.get(p + "output.dense.weight"), w.get(p + "output.dense.bias"), h);
    return layerNorm(add(out, a), w.get(p + "output.LayerNorm.weight"), w.get(p + "output.LayerNorm.bias"),
        c.layerNormEps());
  }

  /** {@code x W^T + b} with W flat in (out, in) layout. */
  static float[][] linear(float[][] x, float[] weight, float[] bias, int out) {
    int in = x[0].length;
    float[][] y = new float[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double sum = bias[o];
        for (int e = 0; e < in; e++) {
          sum += (double) x[i][e] * weight[o * in + e];
        }
        y[i][o] = (float) sum;
      }
    }
    return y;
  }

  private static float[][] add(float[][] a, float[][] b) {
    float[][] out = new float[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = a[i][j] + b[i][j];
      }
    }
    return out;
  }

  private static float[][] layerNorm(float[][] x, float[] gain, float[] bias, double eps) {
    float[][] out = new float[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) {
      double mean = 0;
      for (float v : x[i]) {
        mean += v;
      }
      mean /= x[i].length;
      double var = 0;
      for (float v : x[i]) {
        var += (v - mean) * (v - mean);
      }
      var /= x[i].length;
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = (float) ((x[i][j] - mean) / Math.sqrt(var + eps) * gain[j] + bias[j]);
      }
    }
    return out;
  }

  /** The exact GELU, {@code x Phi(x) = x (1 + erf(x / sqrt 2)) / 2}. */
  static double gelu(double x) {
    return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
  }

  /** erf: its Taylor series for |x| <= 2.5, the continued fraction of erfc beyond (both to ~1e-12). */
  static double erf(double x) {
    double a = Math.abs(x);
    if (a <= 2.5) {
      double sum = 0;
      double term = x;
      for (int n = 0; n < 120; n++) {
        sum += term / (2 * n + 1);
        term *= -x * x / (n + 1);
      }
      return 2 / Math.sqrt(Math.PI) * sum;
    }
    // erfc(a) = exp(-a^2) / sqrt(pi) / (a + (1/2) / (a + (2/2) / (a + (3/2) / (a + ...))))
    double f = a;
    for (int n = 200; n >= 1; n--) {
      f = a + (n / 2.0) / f;
    }
    double erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    return Math.signum(x) * (1 - erfc);
  }
}
