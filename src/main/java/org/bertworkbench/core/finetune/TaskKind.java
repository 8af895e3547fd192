package org.bertworkbench.core.finetune;

import java.util.Locale;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/** The four ways the paper fine-tunes BERT (figure 4), named as the command line names them. */
public enum TaskKind {
  /** One text, one label, classified from the final {@code [CLS]} vector (SST-2, CoLA). */
  CLASSIFY("classify"),
  /** Two texts packed as {@code [CLS] A [SEP] B [SEP]}, one label (MNLI, QQP, MRPC). */
  PAIR("pair"),
  /** A question and a paragraph; the answer is a span found by start and end vectors (SQuAD). */
  QA("qa"),
  /** One label per word, predicted from each word's first piece (CoNLL-2003 NER). */
  TAG("tag");

  private final String cliName;

  TaskKind(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in run specifications. */
  public String cliName() {
    return cliName;
  }

  /** Reads a command-line name; throws {@link BadInputException} listing the valid ones. */
  public static TaskKind parse(String name) {
    for (TaskKind kind : values()) {
      if (kind.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new BadInputException(Message.of(TaskKind.class, "TaskKind.unknown", name));
  }

  /** True for the two tasks with one label per example. */
  public boolean isClassification() {
    return this == CLASSIFY || this == PAIR;
  }
}
