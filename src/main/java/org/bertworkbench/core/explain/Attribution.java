package org.bertworkbench.core.explain;

/**
 * One method's split of f over the input tokens; one number per token in each array.
 *
 * @param method how it was computed
 * @param token the word-embedding part's share (null for attention and rollout)
 * @param segment the segment part's share (null where the method does not split parts, or the
 *     model has no segment embeddings, as DistilBERT)
 * @param position the position part's share (null where the method does not split parts)
 * @param total each token's whole share: the parts' sum, or the method's one number
 * @param completeness integrated gradients' check, null for the other methods
 * @param steps integrated gradients' N, 0 for the other methods
 */
public record Attribution(Method method, double[] token, double[] segment, double[] position, double[] total,
    Completeness completeness, int steps) {

  /**
   * Integrated gradients' completeness: the attributions should add up to f(x) − f(x′).
   *
   * @param sum every token's total, added up
   * @param difference f(x) − f(x′)
   * @param error sum − difference
   */
  public record Completeness(double sum, double difference, double error) {}

  /** The index of the token with the largest absolute total. */
  public int strongest() {
    int best = 0;
    for (int t = 1; t < total.length; t++) {
      best = Math.abs(total[t]) > Math.abs(total[best]) ? t : best;
    }
    return best;
  }
}
