package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * A span question-answering example (SQuAD v1.1): the answer is a span of the context.
 *
 * @param line the 1-based index of the question in its file
 * @param id the question's id in the file
 * @param question the question
 * @param context the paragraph
 * @param answers the gold answers (the first is trained on; all count in evaluation); empty when
 *     predicting
 */
public record QaExample(int line, String id, String question, String context, List<QaAnswer> answers)
    implements Example {

  public QaExample {
    answers = List.copyOf(answers);
  }
}
