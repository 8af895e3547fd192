package org.bertworkbench.gui.finetune;

import org.bertworkbench.core.finetune.TaskKind;

/**
 * The first page's choices: the paper's four task families (figure 4) and classification with
 * numeric features, the seed article's addition.
 */
public enum TaskChoice {
  CLASSIFY(TaskKind.CLASSIFY, "Single-sentence classification",
      "One text, one label, classified from the final [CLS] vector (sentiment, topic, SST-2, CoLA)."),
  PAIR(TaskKind.PAIR, "Sentence-pair classification",
      "Two texts packed as [CLS] A [SEP] B [SEP], one label (entailment, paraphrase: MNLI, QQP, MRPC)."),
  QA(TaskKind.QA, "Span question answering",
      "A question and a paragraph; learned start and end vectors pick the answer span, a softmax over the "
          + "paragraph's positions (SQuAD v1.1)."),
  TAG(TaskKind.TAG, "Token tagging",
      "One label per word from a per-token classifier; [CLS], [SEP] and ## continuation pieces are left out "
          + "of the loss (CoNLL-2003 named entities)."),
  NUMERIC(TaskKind.CLASSIFY, "Classification with numeric features",
      "Text plus numbers (a price, a rating, a count): written into the text from a template, or appended "
          + "to the [CLS] vector before the classifier.");

  private final TaskKind kind;
  private final String title;
  private final String description;

  TaskChoice(TaskKind kind, String title, String description) {
    this.kind = kind;
    this.title = title;
    this.description = description;
  }

  /** The task family; numeric features go with (single or pair) classification. */
  public TaskKind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** Whether the data come in a table whose columns the user picks (TSV, CSV, JSON Lines). */
  public boolean tabular() {
    return kind.isClassification();
  }

  @Override
  public String toString() {
    return title;
  }
}
