package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Multinomial naive Bayes with Laplace smoothing, on Manning, Raghavan and Schütze's worked example (13.1). */
class NaiveBayesTest {

  private static TextExample ex(String text, String label) {
    return new TextExample(1, text, null, label, null);
  }

  private static final List<TextExample> TRAIN = List.of(
      ex("Chinese Beijing Chinese", "yes"),
      ex("Chinese Chinese Shanghai", "yes"),
      ex("Chinese Macao", "yes"),
      ex("Tokyo Japan Chinese", "no"));

  @Test
  void textbookExample() {
    NaiveBayes nb = NaiveBayes.train(TRAIN, List.of("yes", "no"), 1.0);
    assertEquals(6, nb.vocabularySize());
    TextExample test = ex("Chinese Chinese Chinese Tokyo Japan", null);
    // P(yes) ~ 3/4 (3/7)^3 (1/14)^2, P(no) ~ 1/4 (2/9)^3 (2/9)^2, as in the book
    double yes = 0.75 * Math.pow(3.0 / 7, 3) * Math.pow(1.0 / 14, 2);
    double no = 0.25 * Math.pow(2.0 / 9, 3) * Math.pow(2.0 / 9, 2);
    assertArrayEquals(new double[] {Math.log(yes), Math.log(no)}, nb.logScores(test), 1e-12);
    assertArrayEquals(new double[] {yes / (yes + no), no / (yes + no)}, nb.probabilities(test), 1e-12);
    assertEquals(0, nb.predict(test));
  }

  @Test
  void unseenWordsAreLeftOutAndCaseIsIgnored() {
    NaiveBayes nb = NaiveBayes.train(TRAIN, List.of("yes", "no"), 1.0);
    assertArrayEquals(nb.logScores(ex("tokyo JAPAN", null)), nb.logScores(ex("Tokyo, Japan; Kyoto!", null)), 1e-12);
    assertEquals(1, nb.predict(ex("tokyo japan", null)));
  }

  @Test
  void wordsAreRunsOfLettersAndDigits() {
    assertEquals(List.of("it", "s", "a", "3d", "café", "über"), NaiveBayes.words("It's a 3D café—Über!"));
  }

  @Test
  void pairsPoolBothTexts() {
    NaiveBayes nb = NaiveBayes.train(List.of(new TextExample(1, "red", "apple", "fruit", null),
        new TextExample(2, "green", "car", "car", null)), List.of("fruit", "car"), 1.0);
    assertEquals(0, nb.predict(new TextExample(3, "the", "apple", null, null)));
  }

  @Test
  void evaluateScoresADataset() {
    NaiveBayes nb = NaiveBayes.train(TRAIN, List.of("yes", "no"), 1.0);
    Dataset dev = new Dataset(TaskKind.CLASSIFY, java.nio.file.Path.of("d"), List.of(ex("Beijing Shanghai", "yes"),
        ex("Japan Tokyo", "no"), ex("Macao Macao", "no")), List.of("yes", "no"), List.of());
    ClassificationMetrics m = nb.evaluate(dev);
    assertEquals(2.0 / 3, m.accuracy(), 1e-12);
  }

  @Test
  void refusals() {
    assertThrows(IllegalArgumentException.class, () -> NaiveBayes.train(TRAIN, List.of("yes"), 1.0));
    assertThrows(IllegalArgumentException.class, () -> NaiveBayes.train(TRAIN, List.of("yes", "no"), 0));
    assertThrows(IllegalArgumentException.class, () -> NaiveBayes.train(List.of(), List.of("yes"), 1));
  }
}
