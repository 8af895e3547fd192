package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/** Masked-word prediction: the MLM head's softmax over the vocabulary at every {@code [MASK]}. */
public final class FillMask {

  /** One candidate for a masked position; {@code score} is its softmax probability. */
  public record Prediction(String token, int id, double score) {}

  /** The candidates for the {@code [MASK]} at {@code position} (its index in the token list). */
  public record MaskPredictions(int position, List<Prediction> predictions) {}

  /** Why a model without its own masked-LM head is refused (in English: {@link #noMlmHead()}). */
  public static final String NO_MLM_HEAD = noMlmHead().english();

  private FillMask() {}

  /** Why a model without its own masked-LM head is refused, in either language. */
  public static Message noMlmHead() {
    return Message.of(FillMask.class, "FillMask.noMlmHead");
  }

  /** "{@code model}: {@link #noMlmHead()}." as a sentence of its own, e.g. a disabled view's tooltip. */
  public static Message unavailableFor(String model) {
    return Message.of(FillMask.class, "FillMask.unavailable", model, noMlmHead());
  }

  /**
   * Top-k predictions at every {@code [MASK]} of one encoded input.
   *
   * @throws BadInputException when the model has no masked-LM head of its own ({@link #noMlmHead()})
   */
  public static List<MaskPredictions> predict(BertForPreTraining model, Vocab vocab, Encoding encoding,
      int topK, ForwardOptions options) {
    if (!model.hasMlmHead()) {
      throw new BadInputException(noMlmHead());
    }
    List<Integer> masks = new ArrayList<>();
    int[] ids = encoding.inputIds();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == vocab.maskId()) {
        masks.add(i);
      }
    }
    List<MaskPredictions> out = new ArrayList<>();
    if (masks.isEmpty()) {
      return out;
    }
    int k = Math.max(1, Math.min(topK, vocab.size()));
    try (NDManager scope = model.newScope()) {
      BertInput input = BertInput.of(scope, ids, encoding.tokenTypeIds(), encoding.attentionMask());
      NDArray sequence = model.forward(input, options.withTrace(false)).sequenceOutput().get(0); // (T, H)
      long[] positions = masks.stream().mapToLong(Integer::longValue).toArray();
      NDArray probs = model.mlmLogitsAt(sequence, positions).softmax(-1); // (M, V)
      NDArray top = probs.argSort(-1, false).get(":, :" + k); // (M, k)
      long[] topIds = top.toLongArray();
      float[] topScores = probs.gather(top, 1).toFloatArray();
      for (int m = 0; m < positions.length; m++) {
        List<Prediction> predictions = new ArrayList<>();
        for (int j = 0; j < k; j++) {
          int id = (int) topIds[m * k + j];
          predictions.add(new Prediction(vocab.token(id), id, topScores[m * k + j]));
        }
        out.add(new MaskPredictions(masks.get(m), predictions));
      }
    }
    return out;
  }
}
