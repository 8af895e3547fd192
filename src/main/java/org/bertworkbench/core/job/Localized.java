package org.bertworkbench.core.job;

import java.util.Locale;

/**
 * A failure whose message can be said in the window's language. {@link Throwable#getMessage()}
 * stays English (logs, the command line); {@link UserMessages#of(Throwable, Locale)} asks for this.
 */
public interface Localized {

  /** The whole one-line message in {@code locale}'s language. */
  String message(Locale locale);
}
