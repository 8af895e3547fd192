package org.bertworkbench.core.finetune;

/**
 * One training or evaluation example, as read from a dataset file.
 *
 * <p>{@link #line()} is the 1-based line (or, for SQuAD JSON, the question's index) it came from,
 * so reports and the predictions browser can point back into the user's file.
 */
public sealed interface Example permits TextExample, QaExample, TagExample {

  /** Where in its file the example came from (1-based). */
  int line();
}
