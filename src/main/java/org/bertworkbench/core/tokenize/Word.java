package org.bertworkbench.core.tokenize;

import java.util.Arrays;

/**
 * A word found by the pre-tokenizer: its normalised code points and, for each, the span of the
 * original character it came from. A word is either ordinary text or one special token typed in
 * the text. Words compare by identity, so a step can tell the words it kept from those it made.
 */
final class Word {

  private final int[] codePoints;
  private final int[] starts;
  private final int[] ends;
  private final boolean special;
  private final String text;

  Word(int[] codePoints, int[] starts, int[] ends, boolean special) {
    this.codePoints = codePoints;
    this.starts = starts;
    this.ends = ends;
    this.special = special;
    this.text = new String(codePoints, 0, codePoints.length);
  }

  /** The normalised text of the word. */
  String text() {
    return text;
  }

  /** The number of code points. */
  int length() {
    return codePoints.length;
  }

  int codePoint(int i) {
    return codePoints[i];
  }

  /** Whether this word is a special token typed in the text, such as [MASK]. */
  boolean isSpecial() {
    return special;
  }

  /** The code points {@code [from, to)} as a string. */
  String substring(int from, int to) {
    return new String(codePoints, from, to - from);
  }

  /** Where code point {@code from} starts in the original text: the start of {@code [from, to)}. */
  int start(int from) {
    return starts[from];
  }

  /** Where code point {@code to - 1} ends in the original text: the end of {@code [from, to)}. */
  int end(int to) {
    return ends[to - 1];
  }

  /** The code points {@code [from, to)} as a word of their own. */
  Word slice(int from, int to) {
    return new Word(
        Arrays.copyOfRange(codePoints, from, to),
        Arrays.copyOfRange(starts, from, to),
        Arrays.copyOfRange(ends, from, to),
        special);
  }
}
