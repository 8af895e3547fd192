package org.bertworkbench.core.finetune;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A run stopped because its loss turned NaN or infinite (the learning rate is too high for the
 * model or the data). The message says at which step, where the last good checkpoint is, and what
 * to do; {@link #getMessage()} is English, {@link #message(Locale)} the window's language.
 */
public final class TrainingDivergedException extends IllegalStateException implements Localized {

  private static final long serialVersionUID = 1L;

  private final transient Message problem;

  /** The run diverged as {@code problem} says. */
  public TrainingDivergedException(Message problem) {
    super(problem.english());
    this.problem = problem;
  }

  @Override
  public String message(Locale locale) {
    return problem.in(locale);
  }

  /** What happened and what to do. */
  public Message problem() {
    return problem;
  }
}
