package org.bertworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bertworkbench.core.job.Progress;

/**
 * A corpus job's progress as one line on standard error that rewrites itself, e.g.
 * {@code attention-stats: 3,200 / 10,000 sentences}: the count is the fraction the job reports
 * times the number of inputs. Silent unless asked for (--progress) or standard error is a terminal,
 * so that what a script reads from standard error stays as it was.
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
    return asked || standardErrorIsATerminal() ? new CliProgress(err, job, total, unit) : Progress.NONE;
  }

  /**
   * Whether file descriptor 2 is a terminal: on Linux where it points ({@code /dev/pts/N}, {@code
   * /dev/ttyN}), so that {@code embed ... > vectors.jsonl} in a terminal still shows the line; elsewhere
   * whether Java sees a console (standard input and output both a terminal).
   */
  static boolean standardErrorIsATerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
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
