package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
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

  /** Why a model without its own next-sentence head is refused (in English). */
  public static final String NO_NSP_HEAD = Message.of(NextSentence.class, "NextSentence.noNspHead").english();

  /** Why an input without sentence B is refused (in English). */
  public static final String NO_SENTENCE_B = Message.of(NextSentence.class, "NextSentence.noSentenceB").english();

  private NextSentence() {}

  /**
   * The NSP head's answer for one encoded pair.
   *
   * @throws BadInputException when the model has no next-sentence head of its own, or the
   *     encoding holds no sentence-B token
   */
  public static Prediction predict(BertForPreTraining model, Encoding encoding, ForwardOptions options) {
    if (!model.hasNspHead()) {
      throw new BadInputException(Message.of(NextSentence.class, "NextSentence.noNspHead"));
    }
    if (!hasSentenceB(encoding)) {
      throw new BadInputException(Message.of(NextSentence.class, "NextSentence.noSentenceB"));
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
