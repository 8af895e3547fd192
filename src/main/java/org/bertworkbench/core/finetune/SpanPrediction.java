package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * An answer span found in the paragraph, with the start and end probabilities the views draw.
 *
 * @param example index of the example in the list that was predicted
 * @param answer the paragraph's text from {@code start} to {@code end}
 * @param start the answer's first character in the paragraph
 * @param end just past its last character
 * @param score P(start) x P(end) in the window it was found in (each a softmax over that window's
 *     paragraph positions)
 * @param tokens the paragraph's pieces in that window, with their probabilities of starting and
 *     ending the answer
 */
public record SpanPrediction(int example, String answer, int start, int end, double score, List<SpanToken> tokens)
    implements Prediction {

  public SpanPrediction {
    tokens = List.copyOf(tokens);
  }

  /**
   * One paragraph piece.
   *
   * @param start its first character in the paragraph
   * @param end just past its last character
   * @param startProbability P(the answer starts here)
   * @param endProbability P(the answer ends here)
   */
  public record SpanToken(int start, int end, double startProbability, double endProbability) {}
}
