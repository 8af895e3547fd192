package org.bertworkbench.core.tokenize;

import java.util.List;

/**
 * One step of the tokenizer, explained for a student, with the state it leaves behind.
 *
 * @param id a short stable name: "raw", "cleaned", "cjk", "lowercase", "whitespace",
 *     "punctuation", "wordpiece", "truncation", "special", "ids", "segments", "positions" or
 *     "padding"
 * @param title a human title, such as "Split off punctuation"
 * @param explanation one to three sentences saying what the step does and why
 * @param rows the state after the step; the text, word and piece steps have one row per sentence
 *     ("A", and "B" for a pair), the later steps a "tokens" row and rows of numbers
 */
public record TraceStep(String id, String title, String explanation, List<TraceRow> rows) {

  /** Makes the row list unmodifiable. */
  public TraceStep {
    rows = List.copyOf(rows);
  }

  /** The row with this label; throws {@link IllegalArgumentException} if there is none. */
  public TraceRow row(String label) {
    return rows.stream()
        .filter(row -> row.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row '" + label + "' in step " + id));
  }
}
