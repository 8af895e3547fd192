package org.bertworkbench.cli;

import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Model.CommandSpec;

/** Notes for the user on standard error, so that standard output stays machine-readable. */
final class Notices {

  private Notices() {}

  static void truncation(CommandSpec spec, Encoding e, int max) {
    if (e.truncated()) {
      spec.commandLine().getErr().println("note: input longer than " + max + " word pieces; "
          + e.removedPieces() + " pieces were cut off (longest sentence first)");
    }
  }
}
