package org.bertworkbench.core.job;

/** Turns any failure into the one line a user reads: what went wrong, never a stack trace. */
public final class UserMessages {

  private UserMessages() {}

  /** The failure's own message when it has one; otherwise its kind, stated plainly. */
  public static String of(Throwable error) {
    Throwable e = error;
    while (e.getMessage() == null && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof OutOfMemoryError) {
      return "not enough memory: close other models or give Java more memory (-Xmx)";
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "unexpected " + e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message).trim();
  }
}
