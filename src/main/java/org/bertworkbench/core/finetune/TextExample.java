package org.bertworkbench.core.finetune;

/**
 * A classification example: one text, or a pair, a label, and optional numeric features.
 *
 * @param line the 1-based line in the file
 * @param textA the (first) text
 * @param textB the second text of a pair; null for single-sentence classification
 * @param label the gold label as written in the file; null when predicting unlabelled text
 * @param features numeric features in the order of {@link DataColumns#features()}; empty when none
 */
public record TextExample(int line, String textA, String textB, String label, double[] features)
    implements Example {

  public TextExample {
    features = features == null ? new double[0] : features;
  }
}
