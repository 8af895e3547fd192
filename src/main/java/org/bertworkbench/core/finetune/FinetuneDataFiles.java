package org.bertworkbench.core.finetune;

import java.util.function.Consumer;

/** Reads a run's data files: the training file, and the dev file or a seeded split of the training file. */
final class FinetuneDataFiles {

  private FinetuneDataFiles() {}

  static FinetuneData load(FinetuneSpec spec, Consumer<String> say) {
    throw new UnsupportedOperationException("dataset readers not pulled yet");
  }
}
