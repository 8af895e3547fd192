package org.bertworkbench.core.tokenize;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A text on its way through normalisation, one code point at a time. Every code point remembers
 * the span {@code [start, end)} (UTF-16 indices) of the original character it came from, so that
 * tokens can point back into the text the user typed even after accents were stripped or spaces
 * inserted. Code points of a special token typed in the text carry that token's number (1, 2,
 * ...) and are left alone by every step; other code points carry 0. Each step also marks the code
 * points it changed, for the trace.
 */
final class NormalizedText {

  private final int[] codePoints;
  private final int[] starts;
  private final int[] ends;
  private final int[] specials;
  private final BitSet changed;
  private final int length;

  private NormalizedText(Builder b) {
    this.codePoints = b.codePoints;
    this.starts = b.starts;
    this.ends = b.ends;
    this.specials = b.specials;
    this.changed = b.changed;
    this.length = b.length;
  }

  /**
   * The original text, with each occurrence of one of {@code specialTokens} numbered and marked
   * as changed (the leftmost, then longest, match wins, as in Hugging Face's added vocabulary).
   */
  static NormalizedText original(String text, List<String> specialTokens) {
    Builder b = new Builder(text.length());
    int special = 0;
    int i = 0;
    while (i < text.length()) {
      String token = specialTokenAt(text, i, specialTokens);
      if (token != null) {
        special++;
        for (int j = i; j < i + token.length(); j += Character.charCount(text.codePointAt(j))) {
          int cp = text.codePointAt(j);
          b.add(cp, j, j + Character.charCount(cp), special, true);
        }
        i += token.length();
      } else {
        int cp = text.codePointAt(i);
        int next = i + Character.charCount(cp);
        b.add(cp, i, next, 0, false);
        i = next;
      }
    }
    return b.build();
  }

  private static String specialTokenAt(String text, int index, List<String> specialTokens) {
    String longest = null;
    for (String token : specialTokens) {
      if (text.startsWith(token, index) && (longest == null || token.length() > longest.length())) {
        longest = token;
      }
    }
    return longest;
  }

  /** The number of code points. */
  int length() {
    return length;
  }

  int codePoint(int i) {
    return codePoints[i];
  }

  /** Where the original character of code point {@code i} starts. */
  int start(int i) {
    return starts[i];
  }

  /** Where the original character of code point {@code i} ends. */
  int end(int i) {
    return ends[i];
  }

  /** The number of the typed special token code point {@code i} belongs to, or 0. */
  int special(int i) {
    return specials[i];
  }

  /** Whether the step that made this text changed code point {@code i}. */
  boolean isChanged(int i) {
    return changed.get(i);
  }

  /** The code points {@code [from, to)} as a word. */
  Word word(int from, int to) {
    return new Word(
        Arrays.copyOfRange(codePoints, from, to),
        Arrays.copyOfRange(starts, from, to),
        Arrays.copyOfRange(ends, from, to),
        specials[from] != 0);
  }

  @Override
  public String toString() {
    return new String(codePoints, 0, length);
  }

  /** Builds a text by appending code points. */
  static final class Builder {

    private int[] codePoints;
    private int[] starts;
    private int[] ends;
    private int[] specials;
    private final BitSet changed = new BitSet();
    private int length;

    Builder(int capacity) {
      int size = Math.max(capacity, 4);
      codePoints = new int[size];
      starts = new int[size];
      ends = new int[size];
      specials = new int[size];
    }

    /** Appends a code point that came from the original characters {@code [start, end)}. */
    Builder add(int cp, int start, int end, int special, boolean isChanged) {
      if (length == codePoints.length) {
        int size = length * 2;
        codePoints = Arrays.copyOf(codePoints, size);
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        specials = Arrays.copyOf(specials, size);
      }
      codePoints[length] = cp;
      starts[length] = start;
      ends[length] = end;
      specials[length] = special;
      changed.set(length, isChanged);
      length++;
      return this;
    }

    /** Appends code point {@code i} of {@code source}, replaced by {@code cp}. */
    Builder replace(NormalizedText source, int i, int cp, boolean isChanged) {
      return add(cp, source.start(i), source.end(i), source.special(i), isChanged);
    }

    /** Appends code point {@code i} of {@code source} as it is. */
    Builder copy(NormalizedText source, int i, boolean isChanged) {
      return replace(source, i, source.codePoint(i), isChanged);
    }

    NormalizedText build() {
      return new NormalizedText(this);
    }
  }
}
