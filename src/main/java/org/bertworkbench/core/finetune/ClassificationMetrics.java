package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted labels match gold ones: accuracy, macro-F1, per-class precision, recall, F1
 * and support, and the confusion matrix.
 *
 * <p>As scikit-learn computes them: a class never predicted has precision 0, a class absent from
 * the gold labels recall 0; macro-F1 is the unweighted mean of the F1 of the classes that occur
 * among the gold or the predicted labels (a class of the label set that occurs in neither does
 * not pull the mean down).
 *
 * @param labels the classes, in label order
 * @param confusion {@code confusion[g][p]}: how many examples of gold class g were predicted as p
 * @param accuracy the fraction predicted right
 * @param macroF1 the mean per-class F1 (see above)
 * @param perClass one score per class, in label order
 * @param examples how many examples were scored
 */
public record ClassificationMetrics(List<String> labels, int[][] confusion, double accuracy,
    double macroF1, List<ClassScore> perClass, int examples) {

  /**
   * One class's scores.
   *
   * @param label the class
   * @param precision right predictions of the class / all predictions of it
   * @param recall right predictions of the class / its gold examples
   * @param f1 the harmonic mean of the two (0 when both are 0)
   * @param support its gold examples
   */
  public record ClassScore(String label, double precision, double recall, double f1, int support) {}

  public ClassificationMetrics {
    labels = List.copyOf(labels);
    perClass = List.copyOf(perClass);
  }

  /** Scores class indices into {@code labels}. */
  public static ClassificationMetrics of(List<String> labels, int[] gold, int[] predicted) {
    if (gold.length != predicted.length) {
      throw new IllegalArgumentException(gold.length + " gold labels but " + predicted.length + " predictions");
    }
    if (gold.length == 0) {
      throw new IllegalArgumentException("no examples to score");
    }
    int k = labels.size();
    int[][] confusion = new int[k][k];
    int right = 0;
    for (int i = 0; i < gold.length; i++) {
      confusion[gold[i]][predicted[i]]++;
      right += gold[i] == predicted[i] ? 1 : 0;
    }
    List<ClassScore> scores = new ArrayList<>();
    double f1Sum = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      int support = 0;
      int predictedAs = 0;
      for (int o = 0; o < k; o++) {
        support += confusion[c][o];
        predictedAs += confusion[o][c];
      }
      double precision = ratio(confusion[c][c], predictedAs);
      double recall = ratio(confusion[c][c], support);
      double f1 = harmonic(precision, recall);
      scores.add(new ClassScore(labels.get(c), precision, recall, f1, support));
      if (support + predictedAs > 0) {
        f1Sum += f1;
        present++;
      }
    }
    return new ClassificationMetrics(labels, confusion, (double) right / gold.length, f1Sum / present,
        scores, gold.length);
  }

  /** Scores labels given as text; each must be one of {@code labels}. */
  public static ClassificationMetrics ofNames(List<String> labels, List<String> gold, List<String> predicted) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    return of(labels, indices(index, gold), indices(index, predicted));
  }

  private static int[] indices(Map<String, Integer> index, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      Integer c = index.get(names.get(i));
      if (c == null) {
        throw new IllegalArgumentException("label '" + names.get(i) + "' is not one of " + index.keySet());
      }
      out[i] = c;
    }
    return out;
  }

  static double ratio(int num, int den) {
    return den == 0 ? 0 : (double) num / den;
  }

  static double harmonic(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
