package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * BERT's second pretraining task on any pair: does sentence B follow sentence A? The NSP head's
 * softmax over the pooled {@code [CLS]} vector, index 0 IsNext as in Google's code.
 */
public final class NextSentence {

  /**
   * @param isNext the probability that B follows A
   * @param notNext the probability that B is a random sentence ({@code 1 - isNext})
   */
  public record Prediction(double isNext, double notNext) {}

  /** Why a model without its own next-sentence head is refused. */
  public static final String NO_NSP_HEAD = "this model has no next-sentence head (its checkpoint holds no"
      + " cls.seq_relationship weights: Google's BERT-Base jars leave it out, and a fine-tuned model keeps only"
      + " its task head), so its answer would come from random weights; open a model pretrained with NSP, such as"
      + " sample-tiny or one pretrained in the workbench";

  /** Why an input without sentence B is refused. */
  public static final String NO_SENTENCE_B = "next-sentence prediction needs a sentence B: give the pair"
      + " (--text-b, or sentence A, a tab and sentence B on each line of --input)";

  private NextSentence() {}

  /**
   * The NSP head's answer for one encoded pair.
   *
   * @throws IllegalArgumentException when the model has no next-sentence head of its own, or the
   *     encoding holds no sentence-B token
   */
  public static Prediction predict(BertForPreTraining model, Encoding encoding, ForwardOptions options) {
    if (!model.hasNspHead()) {
      throw new IllegalArgumentException(NO_NSP_HEAD);
    }
    if (!hasSentenceB(encoding)) {
      throw new IllegalArgumentException(NO_SENTENCE_B);
    }
    try (NDManager scope = model.newScope()) {
      BertInput input = BertInput.of(scope, encoding.inputIds(), encoding.tokenTypeIds(), encoding.attentionMask());
      NDArray pooled = model.forward(input, options.withTrace(false)).pooledOutput(); // (1, H)
      float[] p = model.heads().nspLogits(pooled).softmax(-1).toFloatArray(); // (1, 2)
      return new Prediction(p[0], p[1]);
    }
  }

  /** Whether any real token of the encoding is in segment 1. */
  public static boolean hasSentenceB(Encoding encoding) {
    int[] types = encoding.tokenTypeIds();
    int[] mask = encoding.attentionMask();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == 1 && mask[i] == 1) {
        return true;
      }
    }
    return false;
  }
}
