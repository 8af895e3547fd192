package org.bertworkbench.core.finetune;

/**
 * What a fine-tuned model says about one example: {@link ClassPrediction}, {@link SpanPrediction}
 * or {@link TagPrediction}.
 */
public sealed interface Prediction permits ClassPrediction, SpanPrediction, TagPrediction {

  /** Index of the example in the list that was predicted. */
  int example();
}
