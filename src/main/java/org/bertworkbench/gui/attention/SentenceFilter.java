package org.bertworkbench.gui.attention;

import org.bertworkbench.gui.text.Texts;

/** Which attention the head view draws for a sentence pair: from tokens of one sentence to another's. */
public enum SentenceFilter {
  ALL(-1, -1),
  A_TO_A(0, 0),
  A_TO_B(0, 1),
  B_TO_A(1, 0),
  B_TO_B(1, 1);

  private static final Texts T = Texts.of(SentenceFilter.class);

  private final int from;
  private final int to;

  SentenceFilter(int from, int to) {
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
    return switch (this) {
      case ALL -> T.get("SentenceFilter.all");
      case A_TO_A -> T.get("SentenceFilter.aToA");
      case A_TO_B -> T.get("SentenceFilter.aToB");
      case B_TO_A -> T.get("SentenceFilter.bToA");
      case B_TO_B -> T.get("SentenceFilter.bToB");
    };
  }
}
