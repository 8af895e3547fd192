package org.bertworkbench.core.natives;

import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/** The PyTorch natives cannot be made ready: none fit this machine, or they cannot be unpacked. */
public final class NativesException extends RuntimeException implements Localized {

  private static final long serialVersionUID = 1L;

  private final transient Message problem;

  public NativesException(Message problem, Throwable cause) {
    super(problem.english(), cause);
    this.problem = problem;
  }

  @Override
  public String message(Locale locale) {
    return problem.in(locale);
  }
}
