package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * Tags for the words of a sentence, each read at the word's first piece.
 *
 * @param example index of the example in the list that was predicted
 * @param words the words
 * @param tags one tag per word
 * @param confidence the probability of each chosen tag
 */
public record TagPrediction(int example, List<String> words, List<String> tags, double[] confidence)
    implements Prediction {

  public TagPrediction {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
  }
}
