package org.bertworkbench.core.finetune;

/**
 * A row of a dataset that cannot be used, with the reason in a user's words ("missing column
 * 'label'", "unknown label 'maybe'", "empty text", "answer 'Paris' not found in its context").
 *
 * @param line the 1-based line (or question index) in the file
 * @param problem what is wrong with it
 */
public record BadRow(int line, String problem) {

  @Override
  public String toString() {
    return "line " + line + ": " + problem;
  }
}
