package org.bertworkbench.core.checkpoint;

/**
 * A checkpoint Workbench refuses to open. The message is always one line of the form
 * {@code "<file>: <problem>"}, e.g. {@code "config.json: num_attention_heads 5 does not divide
 * hidden_size 64"}, so it can be shown to the user as it is.
 */
public class CheckpointException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;

  /** A refusal about {@code file} (a file name, or a folder's path), saying what is wrong. */
  public CheckpointException(String file, String problem) {
    super(file + ": " + oneLine(problem));
    this.file = file;
  }

  /** The same, keeping the low-level cause (an {@link java.io.IOException}, say) for logs. */
  public CheckpointException(String file, String problem, Throwable cause) {
    super(file + ": " + oneLine(problem), cause);
    this.file = file;
  }

  /** The file or folder the message is about. */
  public String file() {
    return file;
  }

  private static String oneLine(String s) {
    return s == null ? "unknown problem" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
