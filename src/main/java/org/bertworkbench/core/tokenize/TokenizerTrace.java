package org.bertworkbench.core.tokenize;

import java.util.List;

/**
 * Everything the tokenizer did to one input, step by step, for a GUI that teaches it.
 *
 * @param steps the steps in the order they ran, from "raw" to "padding"
 * @param wordPieceSearches for each ordinary word (typed special tokens excluded), in order, how
 *     WordPiece split it
 */
public record TokenizerTrace(List<TraceStep> steps, List<WordPieceSearch> wordPieceSearches) {

  /** Makes the lists unmodifiable. */
  public TokenizerTrace {
    steps = List.copyOf(steps);
    wordPieceSearches = List.copyOf(wordPieceSearches);
  }

  /** The step with this id; throws {@link IllegalArgumentException} if there is none. */
  public TraceStep step(String id) {
    return steps.stream()
        .filter(step -> step.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step '" + id + "'"));
  }
}
