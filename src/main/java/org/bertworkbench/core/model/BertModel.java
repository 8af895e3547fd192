package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * BERT itself: embeddings, the encoder stack and the pooler, as in the paper and in Hugging Face's
 * {@code BertModel}. Shapes: B = batch, T = tokens, H = hidden, N = heads.
 */
public final class BertModel {

  /** Added to attention scores where attention is not allowed (Google's BERT uses -10000). */
  static final float MASKED_SCORE = -10000f;

  /**
   * @param sequenceOutput (B, T, H) the last layer's output
   * @param pooledOutput (B, H) tanh(Dense([CLS]))
   * @param trace every intermediate, or null when not asked for
   */
  public record Output(NDArray sequenceOutput, NDArray pooledOutput, BertTrace trace) {}

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final BertEncoder encoder;
  private final BertPooler pooler;
  private final DataType dataType;

  /**
   * Builds the blocks on {@code w}'s parameters; the model computes with them but does not own them
   * (whoever made {@code w} closes it).
   */
  public BertModel(ParameterSource w, BertConfig config) {
    this.config = config;
    this.dataType = w.dataType();
    embeddings = new BertEmbeddings(w, config);
    encoder = new BertEncoder(w, config);
    pooler = new BertPooler(w, config);
  }

  public BertConfig config() {
    return config;
  }

  BertEmbeddings embeddings() {
    return embeddings;
  }

  /**
   * Layer {@code layer}'s attention output dense weight W_O, (H, H) in PyTorch's (out, in) layout:
   * the sub-layer computes {@code context W_O^T + b_O}, and columns {@code h*D .. (h+1)*D - 1} are
   * head h's slice (as in Kobayashi et al. 2020). The model's own array: read it, never modify or
   * close it.
   */
  public NDArray attentionOutputWeight(int layer) {
    if (layer < 0 || layer >= config.numHiddenLayers()) {
      throw new IllegalArgumentException("layer " + layer + " is outside 0-" + (config.numHiddenLayers() - 1));
    }
    return encoder.layer(layer).attention().outputWeight();
  }

  /** Runs the batch; every array returned belongs to the input's manager. */
  public Output forward(BertInput input, ForwardOptions options) {
    long t = input.length();
    if (t > config.maxPositionEmbeddings()) {
      throw new BadInputException(Message.of(BertModel.class, "tooManyTokens", t, config.maxPositionEmbeddings()));
    }
    BertEmbeddings.Output embedded = embeddings.forward(input.inputIds(), input.tokenTypeIds(), options.training());
    NDArray maskBias = maskBias(input.attentionMask(), options.causal(), dataType); // (B, 1, 1|T, T)
    BertEncoder.Output encoded = encoder.forward(embedded.hidden(), maskBias, options, false);
    NDArray sequence = encoded.hidden(); // (B, T, H)
    NDArray pooled = pooler.forward(sequence); // (B, H)
    BertTrace trace = options.trace() ? BertTrace.of(embedded, encoded) : null;
    return new Output(sequence, pooled, trace);
  }

  /**
   * The three embedding lookups at the given ids, each (B, T) int64, as the first step of {@link
   * #forward} makes them: for attributions, which need the parts before their sum (and a baseline's
   * parts at other ids). Every array belongs to the ids' manager.
   */
  public BertEmbeddings.Parts embeddingParts(NDArray wordIds, NDArray typeIds, NDArray positionIds) {
    return embeddings.lookUp(wordIds, typeIds, positionIds);
  }

  /**
   * The forward pass from a sum of the three embedding parts (B, T, H) on: LayerNorm, the encoder
   * and the pooler. The sum may require a gradient, which then flows back to it; a trace, when
   * asked for, has no embedding parts (they are the caller's).
   *
   * @param attentionMask (B, T) int64, 1 for real tokens
   */
  public Output forwardFromSum(NDArray sum, NDArray attentionMask, ForwardOptions options) {
    long t = sum.getShape().get(1);
    if (t > config.maxPositionEmbeddings()) {
      throw new BadInputException(Message.of(BertModel.class, "tooManyTokens", t, config.maxPositionEmbeddings()));
    }
    NDArray hidden = embeddings.normalise(sum, options.training()); // (B, T, H)
    NDArray maskBias = maskBias(attentionMask, options.causal(), dataType); // (B, 1, 1|T, T)
    // DJL's hasGradient is right for the leaf the caller marked (not for results computed from it).
    BertEncoder.Output encoded = encoder.forward(hidden, maskBias, options, sum.hasGradient());
    NDArray sequence = encoded.hidden(); // (B, T, H)
    NDArray pooled = pooler.forward(sequence); // (B, H)
    BertTrace trace = options.trace()
        ? BertTrace.of(new BertEmbeddings.Output(hidden, null, null, null, sum), encoded) : null;
    return new Output(sequence, pooled, trace);
  }

  /**
   * Makes the passes that run packed (inference on the CPU on read-only float32 weights, see
   * {@code PackedEncoder}) compute the encoder's products in bfloat16, with float32 residuals,
   * LayerNorms and softmax; every other pass stays float32. For corpus jobs where float32 parity is
   * not needed: `bench --low-precision` measures its error against float32. The bfloat16 copies of
   * the weights (BERT-Base: 170 MB) are made on the first such pass.
   *
   * @throws BadInputException when this CPU has no bfloat16 arithmetic (AVX512_BF16 or AMX)
   */
  public void computeInBfloat16(boolean on) {
    if (on && !PackedEncoder.bfloat16Hardware()) {
      throw new BadInputException(Message.of(BertModel.class, "noBfloat16"));
    }
    encoder.computeInBfloat16(on);
  }

  /** Whether the model has segment embeddings: false for DistilBERT's (a table of zeros). */
  public boolean hasSegmentEmbeddings() {
    return embeddings.hasSegments();
  }

  /**
   * The additive mask: 0 where a query may attend to a key, {@link #MASKED_SCORE} where the key is
   * padding or, when causal, lies to the right of the query. (B, 1, 1, T) or (B, 1, T, T), of
   * the model's type (-10000 is exact in float16 too), so that adding it keeps float16 scores
   * float16.
   */
  static NDArray maskBias(NDArray attentionMask, boolean causal, DataType dataType) {
    NDManager m = attentionMask.getManager();
    NDArray keys = attentionMask.toType(dataType, false).expandDims(1).expandDims(1); // (B,1,1,T)
    NDArray bias = keys.neg().add(1f).mul(MASKED_SCORE);
    if (!causal) {
      return bias;
    }
    long t = attentionMask.getShape().get(1);
    float[] future = new float[(int) (t * t)];
    for (int q = 0; q < t; q++) {
      for (int k = q + 1; k < t; k++) {
        future[(int) (q * t + k)] = MASKED_SCORE;
      }
    }
    NDArray causalBias = m.create(future, new Shape(1, 1, t, t)); // (1, 1, T, T)
    if (dataType != DataType.FLOAT32) {
      causalBias = causalBias.toType(dataType, false);
    }
    return bias.add(causalBias); // (B, 1, T, T)
  }
}
