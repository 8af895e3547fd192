package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.List;

/**
 * WordPiece, greedy longest-match-first: take the longest prefix of the word that is in the
 * vocabulary, then the longest continuation (written with "##") of what is left, and so on. A
 * word that cannot be covered this way, or that has more than {@value #MAX_CHARS_PER_WORD}
 * characters, becomes a single [UNK]. A tokenizer.json may choose another unknown token,
 * continuation prefix and word limit.
 */
final class WordPiece {

  /** Words longer than this (in code points) are not split but replaced by [UNK]. */
  static final int MAX_CHARS_PER_WORD = 100;
  /** Marks a piece that continues a word. */
  static final String CONTINUATION = "##";

  private final Vocab vocab;
  private final String unk;
  private final String prefix;
  private final int maxChars;

  WordPiece(Vocab vocab) {
    this(vocab, Vocab.UNK, CONTINUATION, MAX_CHARS_PER_WORD);
  }

  /** WordPiece with {@code unk} for what it cannot split, {@code prefix} on continuations, and a word limit. */
  WordPiece(Vocab vocab, String unk, String prefix, int maxChars) {
    this.vocab = vocab;
    this.unk = unk;
    this.prefix = prefix;
    this.maxChars = maxChars;
  }

  /**
   * Splits one word into pieces.
   *
   * @param attempts receives every candidate looked up, or {@code null} not to record them
   */
  List<Piece> split(Word word, int wordIndex, List<WordPieceSearch.Attempt> attempts) {
    int n = word.length();
    if (word.isSpecial()) {
      return List.of(piece(word, word.text(), 0, n, wordIndex));
    }
    if (n > maxChars) {
      return List.of(piece(word, unk, 0, n, wordIndex));
    }
    List<Piece> pieces = new ArrayList<>();
    for (int start = 0; start < n; ) {
      int end = longestMatchEnd(word, start, attempts);
      if (end < 0) {
        return List.of(piece(word, unk, 0, n, wordIndex));
      }
      pieces.add(piece(word, candidate(word, start, end), start, end, wordIndex));
      start = end;
    }
    return pieces;
  }

  /** The end of the longest vocabulary piece starting at code point {@code start}, or -1. */
  private int longestMatchEnd(Word word, int start, List<WordPieceSearch.Attempt> attempts) {
    for (int end = word.length(); end > start; end--) {
      String candidate = candidate(word, start, end);
      boolean found = vocab.contains(candidate);
      if (attempts != null) {
        attempts.add(new WordPieceSearch.Attempt(candidate, found));
      }
      if (found) {
        return end;
      }
    }
    return -1;
  }

  /** Code points {@code [start, end)} of the word, with "##" unless they start the word. */
  private String candidate(Word word, int start, int end) {
    String text = word.substring(start, end);
    return start > 0 ? prefix + text : text;
  }

  /** The piece {@code token} for code points {@code [start, end)} of the word. */
  private Piece piece(Word word, String token, int start, int end, int wordIndex) {
    return new Piece(token, vocab.id(token), word.start(start), word.end(end), wordIndex);
  }
}
