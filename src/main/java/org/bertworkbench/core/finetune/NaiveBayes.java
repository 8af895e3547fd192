package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline BERT is compared with: multinomial naive Bayes over bags of lower-cased words
 * (runs of letters and digits; a pair's two texts in one bag), with Laplace (add-alpha)
 * smoothing. Words never seen in training are left out when predicting, as scikit-learn's
 * {@code CountVectorizer} + {@code MultinomialNB} do; numeric features are not used. Ties go to
 * the class first in label order.
 */
public final class NaiveBayes {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final List<String> labels;
  private final double[] logPrior;
  private final Map<String, double[]> logLikelihood;

  private NaiveBayes(List<String> labels, double[] logPrior, Map<String, double[]> logLikelihood) {
    this.labels = List.copyOf(labels);
    this.logPrior = logPrior;
    this.logLikelihood = logLikelihood;
  }

  /** Trains on a classification dataset's examples and labels, alpha 1. */
  public static NaiveBayes train(Dataset data) {
    if (!data.task().isClassification()) {
      throw new IllegalArgumentException("naive Bayes classifies texts; " + data.task().cliName() + " is not a "
          + "classification task");
    }
    return train(data.examples().stream().map(TextExample.class::cast).toList(), data.labels(), 1.0);
  }

  /** Trains on labelled examples (each label one of {@code labels}) with smoothing {@code alpha} > 0. */
  public static NaiveBayes train(List<TextExample> examples, List<String> labels, double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha " + alpha + " must be > 0");
    }
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    int k = labels.size();
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < k; c++) {
      index.put(labels.get(c), c);
    }
    int[] docs = new int[k];
    long[] wordsIn = new long[k];
    Map<String, long[]> counts = new HashMap<>();
    for (TextExample e : examples) {
      Integer c = e.label() == null ? null : index.get(e.label());
      if (c == null) {
        throw new IllegalArgumentException("line " + e.line() + ": label " + e.label() + " is not one of " + labels);
      }
      docs[c]++;
      for (String w : words(e)) {
        counts.computeIfAbsent(w, x -> new long[k])[c]++;
        wordsIn[c]++;
      }
    }
    double[] logPrior = new double[k];
    for (int c = 0; c < k; c++) {
      logPrior[c] = docs[c] == 0 ? Double.NEGATIVE_INFINITY : Math.log((double) docs[c] / examples.size());
    }
    int vocabulary = counts.size();
    Map<String, double[]> logLikelihood = new HashMap<>();
    counts.forEach((w, n) -> {
      double[] l = new double[k];
      for (int c = 0; c < k; c++) {
        l[c] = Math.log((n[c] + alpha) / (wordsIn[c] + alpha * vocabulary));
      }
      logLikelihood.put(w, l);
    });
    return new NaiveBayes(labels, logPrior, logLikelihood);
  }

  /** The classes, in label order. */
  public List<String> labels() {
    return labels;
  }

  /** How many distinct words were seen in training. */
  public int vocabularySize() {
    return logLikelihood.size();
  }

  /** The joint log-probability of the example's words and each class (unnormalised). */
  public double[] logScores(TextExample example) {
    double[] s = logPrior.clone();
    for (String w : words(example)) {
      double[] l = logLikelihood.get(w);
      if (l != null) {
        for (int c = 0; c < s.length; c++) {
          s[c] += l[c];
        }
      }
    }
    return s;
  }

  /** The class probabilities (the scores normalised). */
  public double[] probabilities(TextExample example) {
    double[] s = logScores(example);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < s.length; c++) {
      s[c] = Math.exp(s[c] - max);
      sum += s[c];
    }
    for (int c = 0; c < s.length; c++) {
      s[c] /= sum;
    }
    return s;
  }

  /** The index of the most probable class. */
  public int predict(TextExample example) {
    double[] s = logScores(example);
    int best = 0;
    for (int c = 1; c < s.length; c++) {
      if (s[c] > s[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Predicts every example of a labelled dataset (with this model's labels) and scores it. */
  public ClassificationMetrics evaluate(Dataset data) {
    List<String> gold = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (Example e : data.examples()) {
      TextExample t = (TextExample) e;
      gold.add(t.label());
      predicted.add(labels.get(predict(t)));
    }
    return ClassificationMetrics.ofNames(labels, gold, predicted);
  }

  /** The lower-cased words of a text: runs of letters and digits. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static List<String> words(TextExample e) {
    List<String> w = words(e.textA());
    if (e.textB() != null) {
      w.addAll(words(e.textB()));
    }
    return w;
  }
}
