package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * A token-tagging example (CoNLL style): words and one tag per word, BIO tags for entities
 * ({@code B-PER}, {@code I-PER}, {@code O}).
 *
 * @param line the 1-based line of the sentence's first word
 * @param words the words
 * @param tags one tag per word; empty when predicting
 */
public record TagExample(int line, List<String> words, List<String> tags) implements Example {

  public TagExample {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (!tags.isEmpty() && tags.size() != words.size()) {
      throw new IllegalArgumentException(words.size() + " words but " + tags.size() + " tags");
    }
  }
}
