package org.bertworkbench.cli;

import org.bertworkbench.core.model.ForwardOptions;
import picocli.CommandLine.Option;

/** A text command that lists the masked-LM head's top k at every [MASK] (fill-mask, logit-lens). */
abstract class TopKCommand extends TextModelCommand {

  @Option(names = "--top-k", defaultValue = "5", description = "tokens per mask (default: ${DEFAULT-VALUE})")
  int topK;

  @Override
  void validate() {
    if (topK < 1) {
      throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
    }
  }

  @Override
  ForwardOptions base() {
    return ForwardOptions.INFERENCE;
  }
}
