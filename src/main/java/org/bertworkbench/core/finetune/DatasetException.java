package org.bertworkbench.core.finetune;

/**
 * A dataset file Workbench cannot read at all (as opposed to single bad rows, which are reported
 * as {@link BadRow}s). The message is one line, {@code "<file>: <problem and what to do>"}, e.g.
 * {@code "train.csv: is not UTF-8 text (convert it, e.g. iconv -f LATIN1 -t UTF-8)"}, so it can be
 * shown as it is.
 */
public final class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;

  /** A refusal about {@code file}, saying what is wrong and what to do. */
  public DatasetException(String file, String problem) {
    super(file + ": " + oneLine(problem), null, false, false);
    this.file = file;
  }

  /** The file the message is about. */
  public String file() {
    return file;
  }

  private static String oneLine(String s) {
    return s == null ? "unknown problem" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
