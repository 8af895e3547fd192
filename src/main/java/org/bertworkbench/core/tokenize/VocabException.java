package org.bertworkbench.core.tokenize;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A vocabulary that cannot be used: the file is missing, empty, not UTF-8, lacks one of BERT's
 * special tokens, or lists a token twice. The message is one line that starts with the file's
 * name, for example {@code "vocab.txt: line 7 duplicates token 'the' (first on line 3)"}.
 */
public final class VocabException extends RuntimeException implements Localized {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient Message problem;

  /** Creates the exception with the message {@code source + ": " + problem}. */
  public VocabException(String source, Message problem) {
    super(source + ": " + problem.english());
    this.source = source;
    this.problem = problem;
  }


  @Override
  public String message(Locale locale) {
    return source + ": " + problem.in(locale);
  }

  /** What is wrong, without the source's name. */
  public Message problem() {
    return problem;
  }
}
