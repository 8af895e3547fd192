package org.bertworkbench.core.tokenize;

import java.util.List;

/**
 * How WordPiece split one word: every candidate it looked up in the vocabulary, in order, and the
 * pieces it settled on. For "unaffable" the attempts are "unaffable", "unaffabl", ..., "un"
 * (found), then "##affable", ..., "##aff" (found), then "##able" (found).
 *
 * @param wordIndex the index of the word in the whole input (the word ids of {@link Encoding})
 * @param word the normalised word
 * @param attempts the candidates looked up, in order; empty for a word over 100 characters
 * @param pieces the resulting pieces, or just [UNK]
 */
public record WordPieceSearch(
    int wordIndex, String word, List<Attempt> attempts, List<String> pieces) {

  /** One vocabulary look-up: the candidate piece and whether the vocabulary has it. */
  public record Attempt(String candidate, boolean found) {}

  /** Makes the lists unmodifiable. */
  public WordPieceSearch {
    attempts = List.copyOf(attempts);
    pieces = List.copyOf(pieces);
  }
}
