package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a normalised text into words: first at whitespace, then around every punctuation
 * character. A special token typed in the text is always one word of its own.
 */
final class BertPreTokenizer {

  private BertPreTokenizer() {}

  /** The runs of non-whitespace code points; a typed special token is a run by itself. */
  static List<Word> splitOnWhitespace(NormalizedText text) {
    List<Word> words = new ArrayList<>();
    int from = -1;
    for (int i = 0; i < text.length(); i++) {
      boolean space = text.special(i) == 0 && CharClasses.isWhiteSpaceProperty(text.codePoint(i));
      boolean newSpecial = from >= 0 && text.special(i) != text.special(from);
      if (from >= 0 && (space || newSpecial)) {
        words.add(text.word(from, i));
        from = -1;
      }
      if (from < 0 && !space) {
        from = i;
      }
    }
    if (from >= 0) {
      words.add(text.word(from, text.length()));
    }
    return words;
  }

  /**
   * Every punctuation character becomes a word, and so does each run between them. A word without
   * punctuation, and a typed special token, is kept as the very same object.
   */
  static List<Word> splitOnPunctuation(List<Word> words) {
    List<Word> out = new ArrayList<>(words.size());
    for (Word word : words) {
      if (word.isSpecial() || !hasPunctuation(word)) {
        out.add(word);
        continue;
      }
      int from = 0;
      for (int i = 0; i < word.length(); i++) {
        if (CharClasses.isPunctuation(word.codePoint(i))) {
          if (from < i) {
            out.add(word.slice(from, i));
          }
          out.add(word.slice(i, i + 1));
          from = i + 1;
        }
      }
      if (from < word.length()) {
        out.add(word.slice(from, word.length()));
      }
    }
    return out;
  }

  private static boolean hasPunctuation(Word word) {
    for (int i = 0; i < word.length(); i++) {
      if (CharClasses.isPunctuation(word.codePoint(i))) {
        return true;
      }
    }
    return false;
  }
}
