package org.bertworkbench.core.finetune;

import java.util.List;

/** Likely column names of classification files (GLUE's among them). */
final class ColumnGuess {

  private static final List<String> TEXT = List.of("sentence", "text", "review", "content", "document",
      "tweet", "comment", "body", "utterance", "title", "question");
  private static final List<String> TEXT_A = List.of("sentence1", "question1", "#1 String", "premise",
      "question", "text_a", "sentence_a", "text1", "s1", "query");
  private static final List<String> TEXT_B = List.of("sentence2", "question2", "#2 String", "hypothesis",
      "sentence", "text_b", "sentence_b", "text2", "s2", "passage", "answer");
  private static final List<String> LABEL = List.of("label", "gold_label", "is_duplicate", "Quality",
      "labels", "class", "category", "target", "topic", "sentiment", "y");

  private ColumnGuess() {}

  static DataColumns guess(List<String> columns, TaskKind task) {
    if (task == TaskKind.PAIR) {
      String a = first(columns, TEXT_A, null);
      return new DataColumns(a, first(columns, TEXT_B, a), first(columns, LABEL, null), List.of(),
          DataColumns.FeatureMode.NONE, null);
    }
    return new DataColumns(first(columns, TEXT, null), null, first(columns, LABEL, null), List.of(),
        DataColumns.FeatureMode.NONE, null);
  }

  private static String first(List<String> columns, List<String> names, String taken) {
    for (String name : names) {
      for (String c : columns) {
        if (c.strip().equalsIgnoreCase(name) && !c.equals(taken)) {
          return c;
        }
      }
    }
    return null;
  }
}
