package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import org.bertworkbench.core.job.Message;

/**
 * What a fine-tuning run reports, on the training thread. Implementations must be quick; a window
 * keeps what it is told for its timer to pull ({@link FinetuneMonitor}).
 */
public interface FinetuneListener {

  /** Ignores everything. */
  FinetuneListener NONE = new FinetuneListener() {};

  /** After every optimiser step. */
  default void step(TrainStepMetrics step) {}

  /** After every dev-set evaluation. */
  default void evaluation(DevEvaluation evaluation) {}

  /** A status line: reading data, loading the model, resuming, a note about the data... */
  default void message(String text) {}

  /** A status line that can be said in either language; by default told as its English text. */
  default void message(Message text) {
    message(text.english());
  }

  /** A checkpoint folder was completed. */
  default void checkpoint(long step, Path dir) {}
}
