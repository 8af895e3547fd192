package org.bertworkbench.core.finetune;

import java.util.Locale;
import org.bertworkbench.core.job.Message;

/**
 * A row of a dataset that cannot be used, with the reason in a user's words ("missing column
 * 'label'", "unknown label 'maybe'", "empty text", "answer 'Paris' not found in its context"),
 * sayable in English or Japanese.
 *
 * @param line the 1-based line (or question index) in the file
 * @param reason what is wrong with it
 */
public record BadRow(int line, Message reason) {

  /** What is wrong with it, in English (the command line, run records). */
  public String problem() {
    return reason.english();
  }

  /** The whole report line, {@code "line 3: missing column 'label'"}, as a sentence of either language. */
  public Message message() {
    return Message.of(BadRow.class, "BadRow.line", line, reason);
  }

  /** The report line in {@code locale}'s language. */
  public String say(Locale locale) {
    return message().in(locale);
  }

  /** The report line in English: {@code "line 3: missing column 'label'"}. */
  @Override
  public String toString() {
    return message().english();
  }
}
