package org.bertworkbench.core.pretrain;

/** A corpus that cannot be trained on, with the one line that says why. */
public final class CorpusException extends RuntimeException {

  public CorpusException(String source, String problem) {
    super(source + ": " + problem, null, false, false);
  }
}
