package org.bertworkbench.core.tokenize;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A {@code tokenizer.json} that cannot be used: unreadable, too big, not JSON, or not a BERT-style
 * tokenizer (a BPE or Unigram model, a Metaspace pre-tokenizer, ...). The message is one line that
 * starts with the file's name, for example {@code "tokenizer.json: the model is BPE, not WordPiece:
 * not a BERT tokenizer"}.
 */
public final class TokenizerJsonException extends RuntimeException implements Localized {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient Message problem;

  /** Creates the exception with the message {@code source + ": " + problem}. */
  public TokenizerJsonException(String source, Message problem) {
    this(source, problem, null);
  }

  /** As {@link #TokenizerJsonException(String, Message)}, with the failure that caused it. */
  public TokenizerJsonException(String source, Message problem, Throwable cause) {
    super(source + ": " + oneLine(problem.english()), cause);
    this.source = source;
    this.problem = problem;
  }

  /** The file's name, as the message starts. */
  public String source() {
    return source;
  }

  /** What is wrong with the file, without its name. */
  public Message problem() {
    return problem;
  }

  @Override
  public String message(Locale locale) {
    return source + ": " + oneLine(problem.in(locale));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
