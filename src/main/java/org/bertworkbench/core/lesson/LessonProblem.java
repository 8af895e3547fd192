package org.bertworkbench.core.lesson;

/**
 * Something wrong in a lesson file, where a teacher can find it.
 *
 * @param file the file as the user named it (a path, or {@code /assets/lessons/en/x.lesson})
 * @param line 1-based line of the problem; 0 when it concerns the whole file (unreadable, too big)
 * @param message what is wrong and, where it helps, what would be right
 */
public record LessonProblem(String file, int line, String message) {

  /** {@code file:line: problem}, one line, as compilers write it so editors can jump to it. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + message.replace('\n', ' ');
  }
}
