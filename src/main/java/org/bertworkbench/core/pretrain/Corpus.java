package org.bertworkbench.core.pretrain;

import java.util.List;

/**
 * Training text in BERT's shape: documents, each a list of sentences. Next-sentence prediction
 * takes its real pairs from inside one document and its random pairs from another.
 *
 * @param source where it came from, for messages and the run record
 * @param documents each a non-empty list of non-blank sentences
 */
public record Corpus(String source, List<List<String>> documents) {

  /** What a preview shows before training starts. */
  public record Stats(int documents, int sentences, long words) {}

  /** Copies the lists into unmodifiable ones. */
  public Corpus {
    documents = documents.stream().map(List::copyOf).toList();
  }

  /** Counts documents, sentences and whitespace-separated words. */
  public Stats stats() {
    int sentences = 0;
    long words = 0;
    for (List<String> doc : documents) {
      sentences += doc.size();
      for (String s : doc) {
        words += s.strip().split("\\s+").length;
      }
    }
    return new Stats(documents.size(), sentences, words);
  }

  /** Every sentence, document after document. */
  public List<String> sentences() {
    return documents.stream().flatMap(List::stream).toList();
  }
}
