package org.bertworkbench.core.job;

import java.util.Locale;

/**
 * Input a user gave that cannot be used (a text longer than the model allows, an option out of
 * range, a value a file holds), said so the window can show it in its language. It is an {@link
 * IllegalArgumentException}, as such refusals were before they could be translated; a check of
 * the program's own invariants stays a plain one, in English.
 */
public final class BadInputException extends IllegalArgumentException implements Localized {

  private static final long serialVersionUID = 1L;

  private final transient Message problem;

  /** Refuses the input with {@code problem} (English as {@link #getMessage()}). */
  public BadInputException(Message problem) {
    super(problem.english());
    this.problem = problem;
  }

  /** The same, keeping the low-level cause for logs. */
  public BadInputException(Message problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  @Override
  public String message(Locale locale) {
    return problem.in(locale);
  }

  /** What is wrong. */
  public Message problem() {
    return problem;
  }
}
