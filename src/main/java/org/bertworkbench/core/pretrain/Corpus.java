package org.bertworkbench.core.pretrain;

import java.util.List;

/**
 * Training text in BERT's shape: documents, each a list of sentences. Next-sentence prediction
 * takes its real pairs from inside one document and its random pairs from another.
 *
 * @param source where it came from, for messages and the run record
 * @param documents each a non-empty list of non-blank sentences
 * @param prose true when the lines were paragraphs cut into sentences, false when each line was a
 *     sentence (BERT's format)
 */
public record Corpus(String source, List<List<String>> documents, boolean prose) {

  /**
   * What a preview shows before training starts.
   *
   * @param words whitespace-separated words
   * @param characters Unicode characters (code points) of the sentences, line breaks not counted
   */
  public record Stats(int documents, int sentences, long words, long characters) {}

  /** Copies the lists into unmodifiable ones. */
  public Corpus {
    documents = documents.stream().map(List::copyOf).toList();
  }

  /** Counts documents, sentences, words and characters. */
  public Stats stats() {
    int sentences = 0;
    long words = 0;
    long characters = 0;
    for (List<String> doc : documents) {
      sentences += doc.size();
      for (String s : doc) {
        words += s.strip().split("\\s+").length;
        characters += s.codePointCount(0, s.length());
      }
    }
    return new Stats(documents.size(), sentences, words, characters);
  }

  /** Every sentence, document after document. */
  public List<String> sentences() {
    return documents.stream().flatMap(List::stream).toList();
  }

  /** The first {@code n} sentences (fewer if the corpus is shorter). */
  public List<String> firstSentences(int n) {
    return sentences().stream().limit(Math.max(0, n)).toList();
  }
}
