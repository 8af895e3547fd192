package org.bertworkbench.core.finetune;

import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/** Small helpers for the package's sentences to users ({@link Message}s). */
final class Sentences {

  private Sentences() {}

  /**
   * The parts one after another, as a list of problems is written: {@code "a; b; c"} in English;
   * an empty list says nothing.
   */
  static Message joined(List<Message> parts) {
    if (parts.isEmpty()) {
      return Message.verbatim("");
    }
    Message out = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      out = Message.of(Sentences.class, "and", parts.get(i), out);
    }
    return out;
  }

  /** What a refusal says: its own sentence when it has one, else its (English) text as it is. */
  static Message problemOf(RuntimeException e) {
    return e instanceof BadInputException b ? b.problem() : Message.verbatim(e.getMessage());
  }
}
