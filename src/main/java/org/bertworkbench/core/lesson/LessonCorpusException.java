package org.bertworkbench.core.lesson;

import java.io.IOException;
import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A lesson's corpus that cannot be had (none named, not in the build, too big), said so that a
 * check that needs it fails with the reason in the lesson's language.
 */
final class LessonCorpusException extends IOException implements Localized {

  private static final long serialVersionUID = 1L;

  private final transient Message problem;

  LessonCorpusException(Message problem) {
    super(problem.english());
    this.problem = problem;
  }

  @Override
  public String message(Locale locale) {
    return problem.in(locale);
  }
}
