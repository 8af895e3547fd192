package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.bertworkbench.core.job.Progress;

/**
 * A corpus job's progress as one line on standard error that rewrites itself, e.g.
 * {@code attention-stats: 3,200 / 10,000 sentences}: the count is the fraction the job reports
 * times the number of inputs. Silent unless asked for (--progress) or a terminal is attached, so
 * that what a script reads from standard error stays as it was.
 */
final class CliProgress implements Progress {

  private final PrintWriter err;
  private final String job;
  private final int total;
  private final String unit;
  private long shown = -1;

  private CliProgress(PrintWriter err, String job, int total, String unit) {
    this.err = err;
    this.job = job;
    this.total = total;
    this.unit = unit;
  }

  /**
   * The progress of {@code job} over {@code total} inputs, printed on {@code err} when {@code asked}
   * or when the program runs in a terminal; else {@link Progress#NONE}.
   */
  static Progress of(boolean asked, PrintWriter err, String job, int total, String unit) {
    return asked || System.console() != null ? new CliProgress(err, job, total, unit) : Progress.NONE;
  }

  /** Shows the whole count and ends the line once the job is done (when it was printing one). */
  static void finish(Progress p) {
    if (p instanceof CliProgress c) {
      c.report(1, "");
      c.err.println();
      c.err.flush();
    }
  }

  @Override
  public void report(double fraction, String message) {
    if (fraction < 0) {
      return;
    }
    long done = Math.min(total, Math.round(fraction * total));
    if (done != shown) {
      shown = done;
      err.print(String.format(Locale.ROOT, "\r%s: %,d / %,d %s", job, done, total, unit));
      err.flush();
    }
  }

  @Override
  public boolean isCancelled() {
    return false;
  }
}
