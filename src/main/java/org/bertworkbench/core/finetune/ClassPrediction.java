package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * A classification: the most probable label and every class's probability.
 *
 * @param example index of the example in the list that was predicted
 * @param label the most probable label
 * @param labels every label, in the model's order
 * @param probabilities softmax of the logits, one per label
 */
public record ClassPrediction(int example, String label, List<String> labels, double[] probabilities)
    implements Prediction {

  public ClassPrediction {
    labels = List.copyOf(labels);
  }

  /** The probability of the predicted label. */
  public double confidence() {
    return probabilities[labels.indexOf(label)];
  }
}
