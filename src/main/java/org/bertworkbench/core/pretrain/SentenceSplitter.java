package org.bertworkbench.core.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits running prose into sentences, simply and predictably: a sentence ends at {@code .},
 * {@code !} or {@code ?} (with any closing quotes or brackets after it) when whitespace follows and
 * the next word starts with an upper-case letter, a digit or an opening quote. A full stop does not
 * end a sentence after a common abbreviation ({@code Mr.}, {@code Dr.}, {@code e.g.}, ...) or a
 * single-letter initial ({@code J. S. Bach}). It is not a linguist: check the preview.
 */
public final class SentenceSplitter {

  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr",
      "st", "mt", "vs", "etc", "e.g", "i.e", "cf", "no", "vol", "fig", "approx", "inc", "ltd", "co",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  private SentenceSplitter() {}

  /** The sentences of a paragraph, stripped, none blank. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      while (end < n && "\"')]\u201d\u2019".indexOf(text.charAt(end)) >= 0) {
        end++;
      }
      int next = end;
      while (next < n && Character.isWhitespace(text.charAt(next))) {
        next++;
      }
      if (next == end || next == n || !startsSentence(text.charAt(next))) {
        continue;
      }
      if (c == '.' && isAbbreviation(text, start, i)) {
        continue;
      }
      add(out, text.substring(start, end));
      start = next;
      i = next - 1;
    }
    add(out, text.substring(start));
    return out;
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c) || Character.isDigit(c) || "\"'(\u201c\u2018".indexOf(c) >= 0;
  }

  /** The word before the full stop at {@code dot} is an abbreviation or an initial. */
  private static boolean isAbbreviation(String text, int from, int dot) {
    int w = dot;
    while (w > from && !Character.isWhitespace(text.charAt(w - 1))) {
      w--;
    }
    String word = text.substring(w, dot).replaceAll("^[\"'(\u201c\u2018]+", "");
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return true;
    }
    return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
