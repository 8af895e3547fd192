package org.bertworkbench.core.pretrain;

import java.util.List;

/**
 * The batch of one step as a person looks at it: every token, what masking did to it, and what
 * the model guessed. Plain Java values, safe to hand to another thread.
 *
 * @param step 1-based
 * @param instances the batch, in order
 */
public record BatchView(long step, List<Instance> instances) {

  /**
   * One position.
   *
   * @param token the model's input (after masking)
   * @param original the token before masking
   * @param decision what masking did
   * @param guess the model's top prediction at a selected position (null elsewhere)
   * @param guessProbability its softmax probability (0 elsewhere)
   */
  public record Position(String token, String original, MaskDecision decision, String guess,
      double guessProbability) {}

  /**
   * One sequence pair.
   *
   * @param positions [CLS] A [SEP] B [SEP]
   * @param lengthA positions of [CLS], A and the first [SEP]
   * @param isNext the truth: B follows A in its document
   * @param isNextProbability the model's probability that B follows A
   */
  public record Instance(List<Position> positions, int lengthA, boolean isNext, double isNextProbability) {}
}
