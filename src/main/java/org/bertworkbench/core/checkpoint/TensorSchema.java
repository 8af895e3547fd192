package org.bertworkbench.core.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;

/**
 * The tensors a BERT checkpoint holds for a given {@link BertConfig}: Hugging Face names (with the
 * {@code bert.} prefix, as in {@code BertForPreTraining}) and shapes (a Linear weight is
 * {@code [out, in]}), grouped by {@link Component}, with exact parameter counts.
 *
 * <p>The embeddings and the encoder are required; the pooler, the masked-LM head and the
 * next-sentence head are optional. The MLM decoder's weight is tied to the word embeddings and is
 * not part of the schema.
 */
public final class TensorSchema {

  /** Parts of a pretraining BERT. */
  public enum Component {
    EMBEDDINGS("embeddings", true),
    ENCODER("encoder", true),
    POOLER("pooler", false),
    MLM_HEAD("MLM head", false),
    NSP_HEAD("NSP head", false);

    private final String label;
    private final boolean required;

    Component(String label, boolean required) {
      this.label = label;
      this.required = required;
    }

    /** Human-readable name, e.g. "NSP head". */
    public String label() {
      return label;
    }

    /** Whether a checkpoint without this part is refused. */
    public boolean required() {
      return required;
    }
  }

  /** One expected tensor. */
  public record TensorSpec(String name, long[] shape, Component component) {

    public long parameters() {
      return Shapes.elementCount(shape);
    }
  }

  /**
   * BERT-Large's size over BERT-Base's, computed exactly and as the paper states it.
   *
   * @param baseParameters BERT-Base embeddings + encoder + pooler (109,482,240 for vocab 30522)
   * @param largeParameters BERT-Large, same parts (335,141,888 for vocab 30522)
   * @param exactRatio {@code largeParameters / baseParameters}, about 3.06
   * @param paperRatio 340M / 110M as the paper rounds them, about 3.09
   */
  public record SizeRatio(long baseParameters, long largeParameters, double exactRatio, double paperRatio) {

    @Override
    public String toString() {
      return String.format("BERT-Large / BERT-Base = %,d / %,d = %.2fx (the paper's rounded 340M / 110M gives %.2fx)",
          largeParameters, baseParameters, exactRatio, paperRatio);
    }
  }

  /** The paper's figures: BERT-Base 110M, BERT-Large 340M parameters. */
  public static final double PAPER_LARGE_TO_BASE_RATIO = 340.0 / 110.0;

  private final BertConfig config;
  private final Map<String, TensorSpec> specs;

  private TensorSchema(BertConfig config, Map<String, TensorSpec> specs) {
    this.config = config;
    this.specs = specs;
  }

  /** The schema of {@code config}. */
  public static TensorSchema of(BertConfig config) {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    long v = config.vocabSize();
    long h = config.hiddenSize();
    long ff = config.intermediateSize();
    Builder b = new Builder(specs);
    b.component = Component.EMBEDDINGS;
    b.add("bert.embeddings.word_embeddings.weight", v, h);
    b.add("bert.embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
    b.add("bert.embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
    b.layerNorm("bert.embeddings.LayerNorm", h);
    b.component = Component.ENCODER;
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      String p = "bert.encoder.layer." + i;
      b.linear(p + ".attention.self.query", h, h);
      b.linear(p + ".attention.self.key", h, h);
      b.linear(p + ".attention.self.value", h, h);
      b.linear(p + ".attention.output.dense", h, h);
      b.layerNorm(p + ".attention.output.LayerNorm", h);
      b.linear(p + ".intermediate.dense", ff, h);
      b.linear(p + ".output.dense", h, ff);
      b.layerNorm(p + ".output.LayerNorm", h);
    }
    b.component = Component.POOLER;
    b.linear("bert.pooler.dense", h, h);
    b.component = Component.MLM_HEAD;
    b.linear("cls.predictions.transform.dense", h, h);
    b.layerNorm("cls.predictions.transform.LayerNorm", h);
    b.add("cls.predictions.bias", v);
    b.component = Component.NSP_HEAD;
    b.linear("cls.seq_relationship", 2, h);
    return new TensorSchema(config, Collections.unmodifiableMap(specs));
  }

  /** BERT-Large over BERT-Base for the given vocabulary, exact and as the paper says. */
  public static SizeRatio largeVersusBase(int vocabSize) {
    long base = of(BertConfig.base(vocabSize)).bertModelParameters();
    long large = of(BertConfig.large(vocabSize)).bertModelParameters();
    return new SizeRatio(base, large, (double) large / base, PAPER_LARGE_TO_BASE_RATIO);
  }

  public BertConfig config() {
    return config;
  }

  /** Every expected tensor, in model order, by name. */
  public Map<String, TensorSpec> specs() {
    return specs;
  }

  /** The spec for a name, or null if the name is not BERT's. */
  public TensorSpec spec(String name) {
    return specs.get(name);
  }

  /** The specs of one component, in model order. */
  public List<TensorSpec> component(Component component) {
    List<TensorSpec> out = new ArrayList<>();
    for (TensorSpec s : specs.values()) {
      if (s.component() == component) {
        out.add(s);
      }
    }
    return out;
  }

  /** Parameter count of one component (the MLM head without its tied decoder weight). */
  public long parameters(Component component) {
    long n = 0;
    for (TensorSpec s : component(component)) {
      n += s.parameters();
    }
    return n;
  }

  /** Parameters of one encoder layer (all layers are the same size). */
  public long layerParameters() {
    return parameters(Component.ENCODER) / config.numHiddenLayers();
  }

  /** Embeddings + encoder + pooler: what the paper counts (BERT-Base: 109,482,240). */
  public long bertModelParameters() {
    return parameters(Component.EMBEDDINGS) + parameters(Component.ENCODER) + parameters(Component.POOLER);
  }

  /** Every parameter of a pretraining BERT (the tied decoder weight counted once). */
  public long totalParameters() {
    long n = 0;
    for (Component c : Component.values()) {
      n += parameters(c);
    }
    return n;
  }

  /** Adds specs in order; keeps {@link #of} readable. */
  private static final class Builder {
    private final Map<String, TensorSpec> specs;
    private Component component;

    Builder(Map<String, TensorSpec> specs) {
      this.specs = specs;
    }

    void add(String name, long... shape) {
      specs.put(name, new TensorSpec(name, shape, component));
    }

    void linear(String prefix, long out, long in) {
      add(prefix + ".weight", out, in);
      add(prefix + ".bias", out);
    }

    void layerNorm(String prefix, long h) {
      add(prefix + ".weight", h);
      add(prefix + ".bias", h);
    }
  }
}
