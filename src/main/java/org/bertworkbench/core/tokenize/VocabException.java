package org.bertworkbench.core.tokenize;

/**
 * A vocabulary that cannot be used: the file is missing, empty, not UTF-8, lacks one of BERT's
 * special tokens, or lists a token twice. The message is one line that starts with the file's
 * name, for example {@code "vocab.txt: line 7 duplicates token 'the' (first on line 3)"}.
 */
public final class VocabException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with the message {@code source + ": " + problem}. */
  public VocabException(String source, String problem) {
    super(source + ": " + problem);
  }
}
