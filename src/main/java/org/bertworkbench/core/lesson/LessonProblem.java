package org.bertworkbench.core.lesson;

import java.util.Locale;
import org.bertworkbench.core.job.Message;

/**
 * Something wrong in a lesson file, where a teacher can find it.
 *
 * @param file the file as the user named it (a path, or {@code /assets/lessons/en/x.lesson})
 * @param line 1-based line of the problem; 0 when it concerns the whole file (unreadable, too big)
 * @param problem what is wrong and, where it helps, what would be right, in either language
 */
public record LessonProblem(String file, int line, Message problem) {

  /** A problem in words that are not ours to translate. */
  public LessonProblem(String file, int line, String message) {
    this(file, line, Message.verbatim(message));
  }

  /** What is wrong, in English (the command line). */
  public String message() {
    return problem.english();
  }

  /** What is wrong, in {@code locale}'s language. */
  public String message(Locale locale) {
    return problem.in(locale);
  }

  /** {@code file:line: problem} in {@code locale}'s language, one line (the window's Lessons panel). */
  public String say(Locale locale) {
    return file + ":" + line + ": " + message(locale).replace('\n', ' ');
  }

  /** {@code file:line: problem}, one line, as compilers write it so editors can jump to it. */
  @Override
  public String toString() {
    return say(Locale.ROOT);
  }
}
