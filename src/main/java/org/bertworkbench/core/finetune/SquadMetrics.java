package org.bertworkbench.core.finetune;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SQuAD v1.1's exact match and F1, as its official {@code evaluate-v1.1.py} computes them: both
 * answers normalised (lower case, ASCII punctuation removed, the articles a/an/the removed,
 * whitespace collapsed); F1 over the normalised words (a bag: repeated words count as often as
 * they occur in both); each question scored against its best gold answer. As in that script (and
 * unlike SQuAD 2.0's), two answers that normalise to nothing have exact match 1 and F1 0.
 *
 * @param exactMatch the mean exact match, a fraction (the script prints it times 100)
 * @param f1 the mean F1, a fraction
 * @param examples how many questions were scored
 */
public record SquadMetrics(double exactMatch, double f1, int examples) {

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Pattern ARTICLES =
      Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Scores each prediction against its question's gold answers (at least one each). */
  public static SquadMetrics of(List<String> predictions, List<List<String>> golds) {
    if (predictions.size() != golds.size()) {
      throw new IllegalArgumentException(predictions.size() + " predictions but " + golds.size() + " questions");
    }
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("no questions to score");
    }
    double em = 0;
    double f1 = 0;
    for (int i = 0; i < predictions.size(); i++) {
      em += maxExactMatch(predictions.get(i), golds.get(i));
      f1 += maxF1(predictions.get(i), golds.get(i));
    }
    return new SquadMetrics(em / predictions.size(), f1 / predictions.size(), predictions.size());
  }

  /** The script's {@code normalize_answer}. */
  public static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder noPunct = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        noPunct.append(c);
      }
    }
    String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
    return String.join(" ", words(noArticles));
  }

  /** 1 when the normalised answers are equal, else 0. */
  public static double exactMatch(String prediction, String gold) {
    return normalize(prediction).equals(normalize(gold)) ? 1 : 0;
  }

  /** The F1 of the normalised words. */
  public static double f1(String prediction, String gold) {
    List<String> p = words(normalize(prediction));
    List<String> g = words(normalize(gold));
    Map<String, Integer> goldCounts = new HashMap<>();
    g.forEach(w -> goldCounts.merge(w, 1, Integer::sum));
    int same = 0;
    for (String w : p) {
      Integer left = goldCounts.get(w);
      if (left != null && left > 0) {
        goldCounts.put(w, left - 1);
        same++;
      }
    }
    if (same == 0) {
      return 0;
    }
    double precision = (double) same / p.size();
    double recall = (double) same / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** The best exact match over the gold answers. */
  public static double maxExactMatch(String prediction, List<String> golds) {
    return golds.stream().mapToDouble(g -> exactMatch(prediction, g)).max().orElseThrow(
        () -> new IllegalArgumentException("a question without gold answers"));
  }

  /** The best F1 over the gold answers. */
  public static double maxF1(String prediction, List<String> golds) {
    return golds.stream().mapToDouble(g -> f1(prediction, g)).max().orElseThrow(
        () -> new IllegalArgumentException("a question without gold answers"));
  }

  /** Python's {@code str.split()}: words between runs of whitespace, none empty. */
  private static List<String> words(CharSequence s) {
    return SPACES.splitAsStream(s).filter(w -> !w.isEmpty()).toList();
  }
}
