package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;

/**
 * A {@link Target} resolved for one input: f as a function of the sum of the three embedding
 * parts, differentiable, so that the methods can take its gradient (B = batch, T = tokens, H =
 * hidden). Build one with {@link Objectives}.
 */
public interface Objective {

  /**
   * f for a batch of embedding sums of the one input, (B) float32; no scalar literal is put into
   * the graph (see BertAttention on why), so that backward is sound.
   *
   * @param sums (B, T, H) token + segment + position, may require a gradient
   * @param mask (B, T) int64 attention mask
   */
  NDArray values(NDArray sums, NDArray mask);

  /** What f is: the target, the token it reads and what it is the probability of. */
  Explained explained();

  /**
   * What a target was resolved to.
   *
   * @param target the target as asked for
   * @param position the token whose output f reads ([CLS]'s 0 for nsp, class and similarity)
   * @param id the vocabulary id (mlm), class or tag index, or -1
   * @param name what f is the probability of: the masked-LM token, the class or tag name,
   *     "IsNext", "start", "end", or "cosine"
   */
  record Explained(Target target, int position, int id, String name) {}
}
