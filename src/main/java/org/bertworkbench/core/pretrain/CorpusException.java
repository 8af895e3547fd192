package org.bertworkbench.core.pretrain;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/** A corpus that cannot be trained on, with the one line that says why. */
public final class CorpusException extends RuntimeException implements Localized {

  private final String source;
  private final transient Message problem;

  /** A corpus {@code source} (a file, a folder) that cannot be trained on, and why. */
  public CorpusException(String source, Message problem) {
    super(source + ": " + problem.english(), null, false, false);
    this.source = source;
    this.problem = problem;
  }


  @Override
  public String message(Locale locale) {
    return source + ": " + problem.in(locale);
  }
}
