package org.bertworkbench.core.finetune;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A dataset file Workbench cannot read at all (as opposed to single bad rows, which are reported
 * as {@link BadRow}s). The message is one line, {@code "<file>: <problem and what to do>"}, e.g.
 * {@code "train.csv: is not UTF-8 text (convert it, e.g. iconv -f LATIN1 -t UTF-8)"}, so it can be
 * shown as it is.
 */
public final class DatasetException extends RuntimeException implements Localized {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final transient Message problem;

  /** A refusal about {@code file}, saying what is wrong and what to do. */
  public DatasetException(String file, Message problem) {
    super(file + ": " + oneLine(problem.english()), null, false, false);
    this.file = file;
    this.problem = problem;
  }


  @Override
  public String message(Locale locale) {
    return file + ": " + oneLine(problem.in(locale));
  }

  /** The file the message is about. */
  public String file() {
    return file;
  }

  private static String oneLine(String s) {
    return s == null ? "unknown problem" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
