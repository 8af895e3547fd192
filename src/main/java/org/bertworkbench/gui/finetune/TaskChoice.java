package org.bertworkbench.gui.finetune;

import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.text.Texts;

/**
 * The first page's choices: the paper's four task families (figure 4) and classification with
 * numeric features, the seed article's addition.
 */
public enum TaskChoice {
  CLASSIFY(TaskKind.CLASSIFY), PAIR(TaskKind.PAIR), QA(TaskKind.QA), TAG(TaskKind.TAG),
  /** Numeric features go with (single or pair) classification. */
  NUMERIC(TaskKind.CLASSIFY);

  private static final Texts T = Texts.of(TaskChoice.class);

  private final TaskKind kind;

  TaskChoice(TaskKind kind) {
    this.kind = kind;
  }

  /** The task family; numeric features go with (single or pair) classification. */
  public TaskKind kind() {
    return kind;
  }

  /** The task's name in the window's language. */
  public String title() {
    return switch (this) {
      case CLASSIFY -> T.get("TaskChoice.classify");
      case PAIR -> T.get("TaskChoice.pair");
      case QA -> T.get("TaskChoice.qa");
      case TAG -> T.get("TaskChoice.tag");
      case NUMERIC -> T.get("TaskChoice.numeric");
    };
  }

  /** What the task is, in a sentence or two (the paper's examples). */
  public String description() {
    return switch (this) {
      case CLASSIFY -> T.get("TaskChoice.classify.description");
      case PAIR -> T.get("TaskChoice.pair.description");
      case QA -> T.get("TaskChoice.qa.description");
      case TAG -> T.get("TaskChoice.tag.description");
      case NUMERIC -> T.get("TaskChoice.numeric.description");
    };
  }

  /** Whether the data come in a table whose columns the user picks (TSV, CSV, JSON Lines). */
  public boolean tabular() {
    return kind.isClassification();
  }

  @Override
  public String toString() {
    return title();
  }
}
