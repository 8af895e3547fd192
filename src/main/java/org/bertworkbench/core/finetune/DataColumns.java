package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * Which columns (TSV/CSV header names, or JSON Lines keys) hold what, and how numeric features
 * reach the model.
 *
 * @param textA the (first) text; default {@code sentence} (classify) or {@code sentence1} (pair)
 * @param textB the second text of a pair; default {@code sentence2}; null for classify
 * @param label the label; default {@code label}
 * @param features numeric feature columns; empty for none
 * @param featureMode how the features are given to the model
 * @param featureTemplate for {@link FeatureMode#TEXT_TEMPLATE}: the text written after the
 *     sentence, with {@code {column}} replaced by the value, e.g. {@code "price {price} stars {stars}"}
 */
public record DataColumns(String textA, String textB, String label, List<String> features,
    FeatureMode featureMode, String featureTemplate) {

  public DataColumns {
    features = features == null ? List.of() : List.copyOf(features);
    featureMode = featureMode == null ? FeatureMode.NONE : featureMode;
  }

  /** GLUE's column names for a task: {@code sentence} or {@code sentence1}/{@code sentence2}, {@code label}. */
  public static DataColumns defaults(TaskKind task) {
    return task == TaskKind.PAIR
        ? new DataColumns("sentence1", "sentence2", "label", List.of(), FeatureMode.NONE, null)
        : new DataColumns("sentence", null, "label", List.of(), FeatureMode.NONE, null);
  }

  /** How numeric features reach the model (the seed article's two strategies). */
  public enum FeatureMode {
    /** No numeric features. */
    NONE,
    /** Written into the text from a template, e.g. "... [SEP] price 12.5 stars 4". */
    TEXT_TEMPLATE,
    /** Appended (standardised) to the {@code [CLS]} vector before the classifier. */
    CLS_CONCAT
  }
}
