package org.bertworkbench.core.finetune;

/**
 * A gold answer of a SQuAD-style question.
 *
 * @param text the answer as written
 * @param start its first character's offset in the context as a Java string index, so that
 *     {@code context.substring(start, end())} is the answer (SQuAD's {@code answer_start} counts code
 *     points; the reader converts, which differs only after characters outside the BMP)
 */
public record QaAnswer(String text, int start) {

  /** The offset just past the answer's last character. */
  public int end() {
    return start + text.length();
  }
}
