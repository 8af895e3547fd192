package org.bertworkbench.core.config;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * The hyper-parameters of a BERT model, with Hugging Face's {@code config.json} names in mind.
 *
 * <p>Google's BERT-Base is {@link #base(int)}; the paper's defaults (dropout 0.1, exact GELU,
 * LayerNorm epsilon 1e-12) are the defaults here.
 */
public record BertConfig(
    int vocabSize,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int intermediateSize,
    String hiddenAct,
    double hiddenDropoutProb,
    double attentionProbsDropoutProb,
    int maxPositionEmbeddings,
    int typeVocabSize,
    double initializerRange,
    double layerNormEps,
    int padTokenId) {

  public static final double DEFAULT_LAYER_NORM_EPS = 1e-12;

  /**
   * Checks the numbers against each other; throws a {@link BadInputException} (an {@link
   * IllegalArgumentException}) saying which is wrong, as a config.json's or a wizard's values may be.
   */
  public BertConfig {
    requirePositive("vocab_size", vocabSize);
    requirePositive("hidden_size", hiddenSize);
    requirePositive("num_hidden_layers", numHiddenLayers);
    requirePositive("num_attention_heads", numAttentionHeads);
    requirePositive("intermediate_size", intermediateSize);
    requirePositive("max_position_embeddings", maxPositionEmbeddings);
    requirePositive("type_vocab_size", typeVocabSize);
    if (hiddenSize % numAttentionHeads != 0) {
      throw new BadInputException(Message.of(BertConfig.class, "headsDivide", numAttentionHeads, hiddenSize));
    }
    if (hiddenAct == null || hiddenAct.isBlank()) {
      hiddenAct = "gelu";
    }
    if (!hiddenAct.equals("gelu")) {
      throw new BadInputException(Message.of(BertConfig.class, "hiddenAct", hiddenAct));
    }
    requireProbability("hidden_dropout_prob", hiddenDropoutProb);
    requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
    if (!(layerNormEps > 0 && layerNormEps < 1)) {
      throw new BadInputException(Message.of(BertConfig.class, "layerNormEps", layerNormEps));
    }
    if (padTokenId < 0 || padTokenId >= vocabSize) {
      throw new BadInputException(Message.of(BertConfig.class, "padOutside", padTokenId, vocabSize));
    }
  }

  /** A config of the given size with the paper's defaults for everything else. */
  public static BertConfig of(int vocabSize, int hidden, int layers, int heads, int intermediate,
      int maxPositions, int typeVocab) {
    return new BertConfig(vocabSize, hidden, layers, heads, intermediate, "gelu", 0.1, 0.1,
        maxPositions, typeVocab, 0.02, DEFAULT_LAYER_NORM_EPS, 0);
  }

  /** BERT-Base: L=12, H=768, A=12, intermediate 3072, 512 positions, 2 segments. */
  public static BertConfig base(int vocabSize) {
    return of(vocabSize, 768, 12, 12, 3072, 512, 2);
  }

  /** BERT-Large: L=24, H=1024, A=16, intermediate 4096. */
  public static BertConfig large(int vocabSize) {
    return of(vocabSize, 1024, 24, 16, 4096, 512, 2);
  }

  public int headSize() {
    return hiddenSize / numAttentionHeads;
  }

  public BertConfig withDropout(double p) {
    return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
        hiddenAct, p, p, maxPositionEmbeddings, typeVocabSize, initializerRange, layerNormEps, padTokenId);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new BadInputException(Message.of(BertConfig.class, "positive", name, value));
    }
  }

  private static void requireProbability(String name, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new BadInputException(Message.of(BertConfig.class, "probability", name, p));
    }
  }
}
