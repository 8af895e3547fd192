package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Writes BERT (and a fine-tuned head on it) as an ONNX graph of standard operators (opset 17), the
 * computation of our own blocks step for step, with the names Hugging Face's Optimum gives:
 * inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids} (int64, dynamic
 * {@code batch} and {@code sequence}); outputs {@code last_hidden_state} and {@code pooler_output}
 * (a base model), {@code logits} (sequence and token classification), {@code start_logits} and
 * {@code end_logits} (QA). A classifier with appended numeric features takes them raw as a fourth
 * input {@code features} (batch, F) and standardises them with the training set's means and
 * deviations inside the graph, as our encoder does before the head.
 *
 * <p>The graph: Gather for the three embeddings (positions sliced from an arange initializer to the
 * input's length), LayerNormalization, MatMul + Add for every linear layer (weights transposed to
 * (in, out)), Reshape / Transpose for the heads, scores divided by sqrt(D) plus the mask bias
 * {@code (1 - mask) * -10000}, Softmax, the exact erf GELU, the tanh pooler on [CLS].
 */
public final class OnnxBertExport {

  /** What the graph ends in. */
  public enum Task { BASE, SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION, QUESTION_ANSWERING }

  /**
   * A task head.
   *
   * @param task the head's task ({@link Task#BASE}: none)
   * @param weight (C, H) in Hugging Face's (out, in) layout; null for BASE
   * @param bias (C); null for BASE
   * @param featureWeight (C, F) reading the standardised appended features, or null
   * @param featureMean the features' training means (F), or empty
   * @param featureStd the features' training standard deviations (F), or empty
   */
  public record Head(Task task, RawTensor weight, RawTensor bias, RawTensor featureWeight, double[] featureMean,
      double[] featureStd) {

    /** No head: BERT's hidden states (and pooled output). */
    public static final Head NONE = new Head(Task.BASE, null, null, null, new double[0], new double[0]);
  }

  private static final long[] SCALAR = {};
  private static final String B = "batch";
  private static final String T = "sequence";

  private final OnnxGraphBuilder g = new OnnxGraphBuilder();
  private final BertConfig config;
  private final Map<String, RawTensor> tensors;

  private OnnxBertExport(BertConfig config, Map<String, RawTensor> tensors) {
    this.config = config;
    this.tensors = tensors;
  }

  /**
   * Writes the model to {@code file}.
   *
   * @param tensors float32 weights by Hugging Face name ({@code bert.embeddings...})
   * @param pooler whether a base model's graph has {@code pooler_output} (ignored with a head:
   *     a classifier always uses the pooler, a tagger and QA never)
   * @param metadata written as the model's metadata_props (labels, source)
   * @return the file's size in bytes
   * @throws BadInputException when a weight is missing or has the wrong shape, or the model is over 2 GB
   */
  public static long write(Path file, BertConfig config, Map<String, RawTensor> tensors, boolean pooler, Head head,
      Map<String, String> metadata) throws IOException {
    return write(file, config, tensors, pooler, head, metadata, OnnxGraphBuilder.MAX_BYTES);
  }

  /** As the public {@code write}, refusing a file over {@code maxBytes}. */
  static long write(Path file, BertConfig config, Map<String, RawTensor> tensors, boolean pooler, Head head,
      Map<String, String> metadata, long maxBytes) throws IOException {
    OnnxBertExport e = new OnnxBertExport(config, tensors);
    e.build(head, pooler);
    return e.g.write(file, "bert", metadata, maxBytes);
  }

  private void build(Head head, boolean pooler) {
    long h = config.hiddenSize();
    g.input("input_ids", OnnxReader.INT64, B, T);
    g.input("attention_mask", OnnxReader.INT64, B, T);
    g.input("token_type_ids", OnnxReader.INT64, B, T);
    String hidden = embeddings();
    String maskBias = maskBias();
    for (int l = 0; l < config.numHiddenLayers(); l++) {
      hidden = layer(l, hidden, maskBias);
    }
    switch (head.task()) {
      case BASE -> {
        g.node("Identity", List.of(hidden), "last_hidden_state");
        g.output("last_hidden_state", OnnxReader.FLOAT, B, T, h);
        if (pooler) {
          pooler(hidden, "pooler_output");
          g.output("pooler_output", OnnxReader.FLOAT, B, h);
        }
      }
      case SEQUENCE_CLASSIFICATION -> classifier(head, pooler(hidden, "pooled"));
      case TOKEN_CLASSIFICATION -> {
        long c = checkHead(head, 0);
        linear(hidden, head.weight(), head.bias(), "logits");
        g.output("logits", OnnxReader.FLOAT, B, T, c);
      }
      case QUESTION_ANSWERING -> {
        checkHead(head, 2);
        String both = linear(hidden, head.weight(), head.bias(), g.fresh("qa_outputs")); // (B, T, 2)
        g.node("Gather", List.of(both, g.longs(g.fresh("zero"), SCALAR, 0)), "start_logits", "axis", 2);
        g.node("Gather", List.of(both, g.longs(g.fresh("one"), SCALAR, 1)), "end_logits", "axis", 2);
        g.output("start_logits", OnnxReader.FLOAT, B, T);
        g.output("end_logits", OnnxReader.FLOAT, B, T);
      }
      default -> throw new IllegalStateException(head.task().name());
    }
  }

  private void classifier(Head head, String pooled) {
    long c = checkHead(head, 0);
    RawTensor fw = head.featureWeight();
    if (fw == null) {
      linear(pooled, head.weight(), head.bias(), "logits");
    } else {
      int f = head.featureMean().length;
      if (fw.hfShape().length != 2 || fw.hfShape()[0] != c || fw.hfShape()[1] != f || head.featureStd().length != f) {
        throw bad(fw.name(), "(" + c + ", " + f + ")", fw.hfShape());
      }
      g.input("features", OnnxReader.FLOAT, B, (long) f);
      String text = linear(pooled, head.weight(), head.bias(), g.fresh("text_logits"));
      String centred = g.node("Sub", List.of("features", g.floats("features_mean", new long[] {f},
          floats(head.featureMean()))), g.fresh("centred"));
      String z = g.node("Div", List.of(centred, g.floats("features_std", new long[] {f}, floats(head.featureStd()))),
          g.fresh("standardised"));
      String fromFeatures = g.namedNode("/features_classifier/MatMul", "MatMul",
          List.of(z, g.weight(g.fresh("onnx::MatMul"), fw, true)), g.fresh("feature_logits"));
      g.node("Add", List.of(text, fromFeatures), "logits");
    }
    g.output("logits", OnnxReader.FLOAT, B, c);
  }

  private long checkHead(Head head, long outputs) {
    long[] shape = head.weight().hfShape();
    if (shape.length != 2 || shape[1] != config.hiddenSize() || (outputs > 0 && shape[0] != outputs)) {
      throw bad(head.weight().name(), "(" + (outputs > 0 ? outputs : "C") + ", " + config.hiddenSize() + ")", shape);
    }
    return shape[0];
  }

  private String embeddings() {
    String p = "bert.embeddings.";
    long h = config.hiddenSize();
    String word = g.node("Gather", List.of(param(p + "word_embeddings.weight", config.vocabSize(), h), "input_ids"),
        g.fresh("word"), "axis", 0);
    String type = g.node("Gather",
        List.of(param(p + "token_type_embeddings.weight", config.typeVocabSize(), h), "token_type_ids"),
        g.fresh("segment"), "axis", 0);
    // Position ids 0 .. T-1: an arange of every position, sliced to the input's length.
    int positions = config.maxPositionEmbeddings();
    long[] arange = new long[positions];
    for (int i = 0; i < positions; i++) {
      arange[i] = i;
    }
    String shape = g.node("Shape", List.of("input_ids"), g.fresh("input_shape"));
    String length = g.node("Gather", List.of(shape, g.longs(g.fresh("axis1"), new long[] {1}, 1)), g.fresh("length"),
        "axis", 0); // (1)
    String ids = g.node("Slice", List.of(g.longs("position_ids", new long[] {positions}, arange),
        g.longs(g.fresh("start"), new long[] {1}, 0), length, g.longs(g.fresh("axes"), new long[] {1}, 0)),
        g.fresh("position_ids_t")); // (T)
    String position = g.node("Gather", List.of(param(p + "position_embeddings.weight", positions, h), ids),
        g.fresh("position"), "axis", 0); // (T, H)
    String sum = g.node("Add", List.of(g.node("Add", List.of(word, type), g.fresh("word_segment")), position),
        g.fresh("embedding_sum"));
    return layerNorm(sum, p + "LayerNorm.");
  }

  /** (B, 1, 1, T): 0 where a key is a real token, -10000 where it is padding. */
  private String maskBias() {
    String m = g.node("Cast", List.of("attention_mask"), g.fresh("mask_float"), "to", (long) OnnxReader.FLOAT);
    String keys = g.node("Unsqueeze", List.of(m, g.longs(g.fresh("axes"), new long[] {2}, 1, 2)), g.fresh("mask_keys"));
    String inverted = g.node("Sub", List.of(g.floats(g.fresh("one"), SCALAR, 1f), keys), g.fresh("mask_inverted"));
    return g.node("Mul", List.of(inverted, g.floats(g.fresh("masked_score"), SCALAR, -10000f)), g.fresh("mask_bias"));
  }

  private String layer(int l, String x, String maskBias) {
    String p = "bert.encoder.layer." + l + ".";
    long h = config.hiddenSize();
    long n = config.numAttentionHeads();
    long d = config.headSize();
    String a = p + "attention.";
    String q = split(linear(x, a + "self.query", h, h), n, d, new long[] {0, 2, 1, 3}); // (B, N, T, D)
    String kT = split(linear(x, a + "self.key", h, h), n, d, new long[] {0, 2, 3, 1}); // (B, N, D, T)
    String v = split(linear(x, a + "self.value", h, h), n, d, new long[] {0, 2, 1, 3}); // (B, N, T, D)
    String scores = g.node("MatMul", List.of(q, kT), g.fresh("scores"));
    scores = g.node("Div", List.of(scores, g.floats(g.fresh("sqrt_d"), SCALAR, (float) Math.sqrt(d))),
        g.fresh("scaled"));
    scores = g.node("Add", List.of(scores, maskBias), g.fresh("masked"));
    String probs = g.node("Softmax", List.of(scores), g.fresh("probs"), "axis", -1L);
    String context = g.node("MatMul", List.of(probs, v), g.fresh("context")); // (B, N, T, D)
    context = g.node("Transpose", List.of(context), g.fresh("context_t"), "perm", new long[] {0, 2, 1, 3});
    context = g.node("Reshape", List.of(context, g.longs(g.fresh("merge"), new long[] {3}, 0, 0, h)),
        g.fresh("context_merged"));
    String out = linear(context, a + "output.dense", h, h);
    String attended = layerNorm(g.node("Add", List.of(out, x), g.fresh("residual")), a + "output.LayerNorm.");
    long i = config.intermediateSize();
    String inner = gelu(linear(attended, p + "intermediate.dense", i, h));
    String ffn = linear(inner, p + "output.dense", h, i);
    return layerNorm(g.node("Add", List.of(ffn, attended), g.fresh("residual")), p + "output.LayerNorm.");
  }

  /** (B, T, H) -> (B, T, N, D) -> transposed by {@code perm}. */
  private String split(String x, long n, long d, long[] perm) {
    String r = g.node("Reshape", List.of(x, g.longs(g.fresh("split"), new long[] {4}, 0, 0, n, d)), g.fresh("heads"));
    return g.node("Transpose", List.of(r), g.fresh("heads_t"), "perm", perm);
  }

  /** The exact GELU: x * (1 + erf(x / sqrt 2)) * 0.5. */
  private String gelu(String x) {
    String scaled = g.node("Div", List.of(x, g.floats(g.fresh("sqrt2"), SCALAR, (float) Math.sqrt(2))),
        g.fresh("gelu_in"));
    String erf = g.node("Erf", List.of(scaled), g.fresh("erf"));
    String plus = g.node("Add", List.of(erf, g.floats(g.fresh("one"), SCALAR, 1f)), g.fresh("erf_plus"));
    String times = g.node("Mul", List.of(x, plus), g.fresh("gelu_x"));
    return g.node("Mul", List.of(times, g.floats(g.fresh("half"), SCALAR, 0.5f)), g.fresh("gelu"));
  }

  private String pooler(String hidden, String out) {
    long h = config.hiddenSize();
    String cls = g.node("Gather", List.of(hidden, g.longs(g.fresh("zero"), SCALAR, 0)), g.fresh("cls"), "axis", 1);
    String dense = linear(cls, "bert.pooler.dense", h, h);
    return g.node("Tanh", List.of(dense), out);
  }

  private String linear(String x, String prefix, long out, long in) {
    return linear(x, tensor(prefix + ".weight", out, in), tensor(prefix + ".bias", out), g.fresh("linear"));
  }

  /** x W^T + b, the weight stored (out, in), written (in, out). */
  private String linear(String x, RawTensor weight, RawTensor bias, String out) {
    long[] w = weight.hfShape();
    if (bias.hfShape().length != 1 || bias.hfShape()[0] != w[0]) {
      throw bad(bias.name(), "(" + w[0] + ")", bias.hfShape());
    }
    // As PyTorch's exporter names them (and our import reads them back): an anonymous (in, out)
    // initializer, placed by its MatMul node's module path, /bert/encoder/layer.0/attention/self/query/MatMul.
    String module = weight.name().substring(0, weight.name().length() - ".weight".length());
    String node = "/" + module.replace('.', '/').replaceAll("/(\\d+)(?=/|$)", ".$1") + "/MatMul";
    String product = g.namedNode(node, "MatMul", List.of(x, g.weight(g.fresh("onnx::MatMul"), weight, true)),
        g.fresh("matmul"));
    return g.node("Add", List.of(product, g.weight(bias.name(), bias, false)), out);
  }

  private String layerNorm(String x, String prefix) {
    long h = config.hiddenSize();
    return g.node("LayerNormalization", List.of(x, param(prefix + "weight", h), param(prefix + "bias", h)),
        g.fresh("layer_norm"), "axis", -1L, "epsilon", (float) config.layerNormEps());
  }

  private String param(String name, long... shape) {
    return g.weight(name, tensor(name, shape), false);
  }

  private RawTensor tensor(String name, long... shape) {
    RawTensor t = tensors.get(name);
    if (t == null) {
      throw new BadInputException(Message.of(OnnxBertExport.class, "OnnxExport.missing", name));
    }
    if (!java.util.Arrays.equals(t.hfShape(), shape)) {
      throw bad(name, java.util.Arrays.toString(shape), t.hfShape());
    }
    return t;
  }

  private static BadInputException bad(String name, String expected, long[] actual) {
    return new BadInputException(Message.of(OnnxBertExport.class, "OnnxExport.shape", name, expected,
        java.util.Arrays.toString(actual)));
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
