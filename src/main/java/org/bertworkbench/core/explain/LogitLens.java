package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The logit lens for BERT: the masked-LM head applied to every hidden state of one pass, not only
 * the last, at every {@code [MASK]}. Hidden state 0 is the embeddings' output, hidden state k the
 * output of encoder layer k - 1; the last is what {@link FillMask#predict} reads, and its result here
 * is the same, id for id and float for float (the same head, softmax, sort and gather on the same
 * array). For each state the top-k tokens with their softmax probabilities, and the probability and
 * rank of the token the last layer puts first, so that one sees at which layer "paris" appears.
 */
public final class LogitLens {

  /** One candidate of one hidden state: its softmax probability over the vocabulary. */
  public record Candidate(String token, int id, double probability) {}

  /**
   * What the head reads from hidden state {@code layer} at one mask.
   *
   * @param layer the hidden state's index: 0 the embeddings' output, k the output of layer k - 1
   * @param top the k most probable tokens, the most probable first
   * @param finalTokenProbability the probability here of the last layer's top-1 token
   * @param finalTokenRank that token's rank here, 1 when it is first (1 + the tokens more probable)
   */
  public record Layer(int layer, List<Candidate> top, double finalTokenProbability, int finalTokenRank) {}

  /** The lens at the {@code [MASK]} at {@code position} (its index in the token list), state by state. */
  public record Mask(int position, List<Layer> layers) {

    /** The last layer's top-1 token: the answer fill-mask gives. */
    public Candidate finalToken() {
      return layers.get(layers.size() - 1).top().get(0);
    }
  }

  /** The lens over one input: its tokens and every mask. */
  public record Result(List<String> tokens, List<Mask> masks) {

    /** How many hidden states each mask has (layers + 1). */
    public int states() {
      return masks.isEmpty() ? 0 : masks.get(0).layers().size();
    }
  }

  private LogitLens() {}

  /** Why an input without a {@code [MASK]} is refused; {@code mask} is the vocabulary's mask token. */
  public static Message noMask(String mask) {
    return Message.of(LogitLens.class, "LogitLens.noMask", mask);
  }

  /**
   * Encodes sentence A (sentence B may be null) as {@link LoadedBert#encode} does and runs the lens.
   *
   * @throws BadInputException when the model has no masked-LM head ({@link FillMask#noMlmHead()}) or
   *     the text has no {@code [MASK]} ({@link #noMask})
   */
  public static Result of(LoadedBert loaded, String textA, String textB, int maxLength, int topK,
      ForwardOptions options) {
    if (!loaded.model().hasMlmHead()) {
      throw new BadInputException(FillMask.noMlmHead());
    }
    return of(loaded.model(), loaded.vocab(), loaded.encode(textA, textB, maxLength), topK, options);
  }

  /**
   * The lens over one encoded input, run with {@code options} (a head mask, as fill-mask takes it)
   * and every hidden state kept.
   *
   * @throws BadInputException when the model has no masked-LM head ({@link FillMask#noMlmHead()}) or
   *     the input has no {@code [MASK]} ({@link #noMask})
   */
  public static Result of(BertForPreTraining model, Vocab vocab, Encoding encoding, int topK,
      ForwardOptions options) {
    if (!model.hasMlmHead()) {
      throw new BadInputException(FillMask.noMlmHead());
    }
    int[] ids = encoding.inputIds();
    List<Integer> masks = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == vocab.maskId()) {
        masks.add(i);
      }
    }
    if (masks.isEmpty()) {
      throw new BadInputException(noMask(vocab.token(vocab.maskId())));
    }
    int k = Math.max(1, Math.min(topK, vocab.size()));
    int m = masks.size();
    int v = 0;
    long[] positions = masks.stream().mapToLong(Integer::longValue).toArray();
    List<long[]> topIds = new ArrayList<>();
    List<float[]> topScores = new ArrayList<>();
    List<float[]> allProbs = new ArrayList<>();
    try (NDManager scope = model.newScope()) {
      BertInput input = BertInput.of(scope, ids, encoding.tokenTypeIds(), encoding.attentionMask());
      BertTrace trace = model.forward(input, options.withTrace(true)).trace();
      for (NDArray state : trace.hiddenStates()) {
        NDArray sequence = state.get(0); // (T, H)
        NDArray probs = model.mlmLogitsAt(sequence, positions).softmax(-1); // (M, V), as FillMask
        NDArray top = probs.argSort(-1, false).get(":, :" + k); // (M, k)
        topIds.add(top.toLongArray());
        topScores.add(probs.gather(top, 1).toFloatArray());
        allProbs.add(probs.toFloatArray());
        v = (int) probs.getShape().get(1);
      }
    }
    int last = topIds.size() - 1;
    List<Mask> out = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      int finalId = (int) topIds.get(last)[j * k];
      List<Layer> layers = new ArrayList<>(topIds.size());
      for (int s = 0; s < topIds.size(); s++) {
        List<Candidate> top = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
          int id = (int) topIds.get(s)[j * k + c];
          top.add(new Candidate(vocab.token(id), id, topScores.get(s)[j * k + c]));
        }
        float[] probs = allProbs.get(s);
        float p = probs[j * v + finalId];
        int above = 0;
        for (int t = 0; t < v; t++) {
          if (probs[j * v + t] > p) {
            above++;
          }
        }
        layers.add(new Layer(s, List.copyOf(top), p, above + 1));
      }
      out.add(new Mask(masks.get(j), List.copyOf(layers)));
    }
    return new Result(encoding.tokens(), List.copyOf(out));
  }
}
