package org.bertworkbench.gui.attention;

import org.bertworkbench.gui.text.Texts;

/** Which attention the head view draws for a sentence pair: from tokens of one sentence to another's. */
public enum SentenceFilter {
  ALL(null, -1, -1),
  A_TO_A("A → A", 0, 0),
  A_TO_B("A → B", 0, 1),
  B_TO_A("B → A", 1, 0),
  B_TO_B("B → B", 1, 1);

  private static final Texts T = Texts.of(SentenceFilter.class);

  /** The arrow between the two sentences' letters; null for all, which has a word in each language. */
  private final String label;
  private final int from;
  private final int to;

  SentenceFilter(String label, int from, int to) {
    this.label = label;
    this.from = from;
    this.to = to;
  }

  /** May a token of segment {@code segment} attend (left column)? */
  boolean from(int segment) {
    return from < 0 || segment == from;
  }

  /** May a token of segment {@code segment} be attended to (right column)? */
  boolean to(int segment) {
    return to < 0 || segment == to;
  }

  @Override
  public String toString() {
    return label == null ? T.get("SentenceFilter.all") : label;
  }
}
