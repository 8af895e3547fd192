package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.bertworkbench.core.job.Progress;
import org.junit.jupiter.api.Test;

/** The corpus jobs' progress line on standard error. */
class CliProgressTest {

  @Test
  void oneLineRewritesItselfWithCountsAndEndsWithTheTotal() {
    StringWriter text = new StringWriter();
    Progress p = CliProgress.of(true, new PrintWriter(text), "attention-stats", 10_000, "sentences");
    p.report(0.32, "ignored");
    p.report(0.32, "the same count is not printed twice");
    p.report(-1, "unknown fractions are skipped");
    CliProgress.finish(p);
    assertEquals("\rattention-stats: 3,200 / 10,000 sentences\rattention-stats: 10,000 / 10,000 sentences"
        + System.lineSeparator(), text.toString());
  }

  @Test
  void silentWhenNotAskedAndStandardErrorIsNoTerminal() {
    // surefire's forked JVM writes standard error to a pipe
    assertFalse(CliProgress.standardErrorIsATerminal());
    StringWriter text = new StringWriter();
    Progress p = CliProgress.of(false, new PrintWriter(text), "embed", 5, "sentences");
    assertSame(Progress.NONE, p);
    CliProgress.finish(p);
    assertEquals("", text.toString());
  }
}
