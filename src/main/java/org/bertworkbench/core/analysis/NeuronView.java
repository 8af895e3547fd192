package org.bertworkbench.core.analysis;

/**
 * How one attention weight is made, for one layer, head and query token (T = tokens, D = head
 * size): the query vector q, each key vector k_j, their element-wise products q * k_j, the scaled
 * dot products {@code q . k_j / sqrt(D)} and their softmax.
 *
 * @param layer the layer, from 0
 * @param head the head, from 0
 * @param query the attending token
 * @param queryVector [D] q
 * @param keyVectors [T][D] k_j
 * @param products [T][D] q * k_j, element by element (each row sums to the dot product)
 * @param scores [T] {@code q . k_j / sqrt(D)}
 * @param softmax [T] the softmax of the scores over the keys the query may see (all of them, or
 *     only those up to itself in a causal pass; the others get 0)
 * @param attention [T] the weights the model used: equal to {@code softmax} up to rounding, or all
 *     zero when the head was masked
 */
public record NeuronView(int layer, int head, int query, float[] queryVector, float[][] keyVectors,
    float[][] products, double[] scores, double[] softmax, float[] attention) {

  /** The neuron view of one query token of a captured input. */
  public static NeuronView of(AttentionCapture capture, int layer, int head, int query) {
    check("layer", layer, capture.layers());
    check("head", head, capture.heads());
    check("query token", query, capture.length());
    float[] q = capture.queries()[layer][head][query];
    float[][] keys = capture.keys()[layer][head];
    int t = keys.length;
    int d = q.length;
    float[][] products = new float[t][d];
    double[] scores = new double[t];
    double scale = Math.sqrt(d);
    int visible = capture.causal() ? query + 1 : t;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < t; j++) {
      double dot = 0;
      for (int k = 0; k < d; k++) {
        products[j][k] = q[k] * keys[j][k];
        dot += products[j][k];
      }
      scores[j] = dot / scale;
      if (j < visible) {
        max = Math.max(max, scores[j]);
      }
    }
    double[] softmax = new double[t];
    double sum = 0;
    for (int j = 0; j < visible; j++) {
      softmax[j] = Math.exp(scores[j] - max);
      sum += softmax[j];
    }
    for (int j = 0; j < visible; j++) {
      softmax[j] /= sum;
    }
    return new NeuronView(layer, head, query, q.clone(), keys, products, scores, softmax,
        capture.attentions()[layer][head][query].clone());
  }

  private static void check(String what, int value, int count) {
    if (value < 0 || value >= count) {
      throw new IllegalArgumentException(what + " " + value + " is outside 0-" + (count - 1));
    }
  }
}
