package org.bertworkbench.core.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.model.ParameterDeclarations;

/**
 * The tensors a BERT checkpoint holds for a given {@link BertConfig}: Hugging Face names (with the
 * {@code bert.} prefix, as in {@code BertForPreTraining}) and shapes (a Linear weight is
 * {@code [out, in]}), grouped by {@link Component}, with exact parameter counts.
 *
 * <p>The list is not kept here: it is what BERT's blocks ask for when they are built ({@link
 * ParameterDeclarations}), so the schema and the model cannot disagree. The embeddings and the
 * encoder are required; the pooler, the masked-LM head and the next-sentence head are optional. The
 * MLM decoder's weight is tied to the word embeddings and is not part of the schema.
 */
public final class TensorSchema {

  /** Parts of a pretraining BERT. */
  public enum Component {
    EMBEDDINGS("embeddings", true, "bert.embeddings."),
    ENCODER("encoder", true, "bert.encoder."),
    POOLER("pooler", false, "bert.pooler."),
    MLM_HEAD("MLM head", false, "cls.predictions."),
    NSP_HEAD("NSP head", false, "cls.seq_relationship.");

    private final String label;
    private final boolean required;
    private final String prefix;

    Component(String label, boolean required, String prefix) {
      this.label = label;
      this.required = required;
      this.prefix = prefix;
    }

    /** The component a Hugging Face tensor name belongs to. */
    static Component of(String name) {
      for (Component c : values()) {
        if (name.startsWith(c.prefix)) {
          return c;
        }
      }
      throw new IllegalArgumentException(name + " belongs to no part of BERT");
    }

    /** Human-readable name, e.g. "NSP head". */
    public String label() {
      return label;
    }

    /** The name in either language ({@link #label()} in English), as refusals say it. */
    public Message title() {
      return switch (this) {
        case EMBEDDINGS -> Message.of(TensorSchema.class, "componentEmbeddings");
        case ENCODER -> Message.of(TensorSchema.class, "componentEncoder");
        case POOLER -> Message.of(TensorSchema.class, "componentPooler");
        case MLM_HEAD -> Message.of(TensorSchema.class, "componentMlmHead");
        case NSP_HEAD -> Message.of(TensorSchema.class, "componentNspHead");
      };
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

  /** The schema of {@code config}: every parameter BERT's blocks declare, in model order. */
  public static TensorSchema of(BertConfig config) {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    for (ParameterDeclarations.Declared d : ParameterDeclarations.ofPreTraining(config)) {
      Component component = Component.of(d.name());
      if (component.required() != d.required()) {
        throw new IllegalStateException(d.name() + " is declared " + (d.required() ? "required" : "optional")
            + " but the " + component.label() + " is " + (component.required() ? "required" : "optional"));
      }
      specs.put(d.name(), new TensorSpec(d.name(), d.shape(), component));
    }
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
}
