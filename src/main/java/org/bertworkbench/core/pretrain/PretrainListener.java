package org.bertworkbench.core.pretrain;

import java.nio.file.Path;
import org.bertworkbench.core.job.Message;

/**
 * What a pretraining run reports, on the training thread. Implementations must be quick; a window
 * should not draw here but keep the latest state for its timer to pull ({@link PretrainMonitor}).
 */
public interface PretrainListener {

  /** Ignores everything. */
  PretrainListener NONE = report -> {};

  /** Called after every step. */
  void step(StepReport report);

  /** A status line: loading, learning the vocabulary, resuming... */
  default void message(String text) {}

  /**
   * A status line that can be said in the window's language; by default passed on in English to
   * {@link #message(String)} (as the command line prints it).
   */
  default void message(Message text) {
    message(text.english());
  }

  /** A checkpoint folder was completed. */
  default void checkpoint(long step, Path dir) {}
}
