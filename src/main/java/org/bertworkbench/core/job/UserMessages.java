package org.bertworkbench.core.job;

import java.util.Locale;

/** Turns any failure into the one line a user reads: what went wrong, never a stack trace. */
public final class UserMessages {

  private UserMessages() {}

  /** The failure's own message in English (the command line, logs). */
  public static String of(Throwable error) {
    return of(error, Locale.ROOT);
  }

  /**
   * The failure's own message, in {@code locale}'s language when the failure is {@link Localized};
   * otherwise its kind, stated plainly. Text from outside (the system's, a library's) stays as it came.
   */
  public static String of(Throwable error, Locale locale) {
    Throwable e = error;
    while (!(e instanceof Localized) && e.getMessage() == null && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof OutOfMemoryError) {
      return Message.of(UserMessages.class, "outOfMemory").in(locale);
    }
    String message = e instanceof Localized l ? l.message(locale) : e.getMessage();
    if (message == null || message.isBlank()) {
      return Message.of(UserMessages.class, "unexpected", e.getClass().getSimpleName()).in(locale);
    }
    return message.lines().findFirst().orElse(message).trim();
  }
}
