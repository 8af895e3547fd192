package org.bertworkbench.core.checkpoint;

import java.util.Locale;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A checkpoint Workbench refuses to open. The message is always one line of the form
 * {@code "<file>: <problem>"}, e.g. {@code "config.json: num_attention_heads 5 does not divide
 * hidden_size 64"}, so it can be shown to the user as it is. The problem is a {@link Message}, so
 * the window says it in its own language ({@link #message(Locale)}); {@link #getMessage()} is the
 * English line.
 */
public class CheckpointException extends Exception implements Localized {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final transient Message problem;

  /** A refusal about {@code file} (a file name, or a folder's path), saying what is wrong. */
  public CheckpointException(String file, Message problem) {
    super(file + ": " + oneLine(problem.english()));
    this.file = file;
    this.problem = problem;
  }

  /** The same, keeping the low-level cause (an {@link java.io.IOException}, say) for logs. */
  public CheckpointException(String file, Message problem, Throwable cause) {
    super(file + ": " + oneLine(problem.english()), cause);
    this.file = file;
    this.problem = problem;
  }



  @Override
  public String message(Locale locale) {
    return file + ": " + oneLine(problem.in(locale));
  }

  /** What is wrong, without the file's name. */
  public Message problem() {
    return problem;
  }

  /**
   * What a failure from below says, as the problem of a refusal: the {@link Message} of a {@link
   * BadInputException} (a malformed value, said in either language), else its text as it came.
   */
  public static Message problemOf(Throwable e) {
    return e instanceof BadInputException b ? b.problem() : Message.verbatim(e.getMessage());
  }

  /** The file or folder the message is about. */
  public String file() {
    return file;
  }

  private static String oneLine(String s) {
    return s == null ? "unknown problem" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
