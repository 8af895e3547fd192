package org.bertworkbench.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * Test-only writer of ONNX files (protobuf wire format, the field numbers of onnx.proto), and of a
 * BERT graph laid out as PyTorch 2's exporter writes Hugging Face's BertModel: named embeddings,
 * biases and LayerNorms, anonymous {@code onnx::MatMul_N} weights stored {@code [in, out]} used by
 * nodes named by module path, the attention's Reshape constants, LayerNorm's epsilon before a Sqrt,
 * and an Erf. Not a graph anyone could run: only what the import reads is there.
 */
final class OnnxWriter {

  /**
   * What the BERT graph shows.
   *
   * @param heads the attention Reshape's constants [heads, head size]
   * @param eps the LayerNorm epsilon constant
   * @param erf an Erf node (the exact GELU)
   * @param namedNodes nodes named by module path (false: "MatMul_7", as old exporters did)
   */
  record Layout(boolean heads, boolean eps, boolean erf, boolean namedNodes) {
    static final Layout PYTORCH2 = new Layout(true, true, true, true);

    Layout withHeads(boolean on) {
      return new Layout(on, eps, erf, namedNodes);
    }

    Layout withErf(boolean on) {
      return new Layout(heads, eps, on, namedNodes);
    }

    Layout withNamedNodes(boolean on) {
      return new Layout(heads, eps, erf, on);
    }
  }

  /** One protobuf message being written. */
  static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long v) {
      tag(field, 0);
      raw(v);
      return this;
    }

    Proto bytes(int field, byte[] b) {
      tag(field, 2);
      raw(b.length);
      out.writeBytes(b);
      return this;
    }

    Proto string(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto m) {
      return bytes(field, m.toBytes());
    }

    Proto fixed32(int field, int bits) {
      tag(field, 5);
      for (int i = 0; i < 4; i++) {
        out.write(bits >>> (8 * i) & 0xff);
      }
      return this;
    }

    /** A tag and a length without the bytes, for files that lie about their lengths. */
    Proto lengthOnly(int field, long length) {
      tag(field, 2);
      raw(length);
      return this;
    }

    byte[] toBytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wire) {
      raw((long) field << 3 | wire);
    }

    private void raw(long v) {
      long x = v;
      while ((x & ~0x7fL) != 0) {
        out.write((int) (x & 0x7f) | 0x80);
        x >>>= 7;
      }
      out.write((int) x);
    }
  }

  private OnnxWriter() {
  }

  /** TensorProto with raw_data. */
  static Proto tensor(String name, long[] dims, int dataType, byte[] raw) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, dataType).string(8, name).bytes(9, raw);
  }

  static Proto floats(String name, long[] dims, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return tensor(name, dims, OnnxReader.FLOAT, b.array());
  }

  static Proto longs(String name, long[] dims, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return tensor(name, dims, OnnxReader.INT64, b.array());
  }

  /** NodeProto; attributes are AttributeProto messages. */
  static Proto node(String name, String op, List<String> inputs, List<String> outputs, Proto... attributes) {
    Proto n = new Proto();
    inputs.forEach(i -> n.string(1, i));
    outputs.forEach(o -> n.string(2, o));
    n.string(3, name).string(4, op);
    for (Proto a : attributes) {
      n.message(5, a);
    }
    return n;
  }

  /** A Constant node whose value is {@code value}, output {@code name + "_output_0"}. */
  static Proto constant(String name, Proto value) {
    return node(name, "Constant", List.of(), List.of(name + "_output_0"),
        new Proto().string(1, "value").message(5, value).varint(20, 4));
  }

  /** GraphProto of nodes and initializers, and ModelProto around it (opset 11, "pytorch 2.0.1"). */
  static byte[] model(List<Proto> nodes, List<Proto> initializers) {
    Proto g = new Proto().string(2, "main_graph");
    nodes.forEach(n -> g.message(1, n));
    initializers.forEach(i -> g.message(5, i));
    g.message(11, new Proto().string(1, "input_ids"));
    g.message(12, new Proto().string(1, "last_hidden_state"));
    return new Proto().varint(1, 6).string(2, "pytorch").string(3, "2.0.1").message(7, g)
        .message(8, new Proto().string(1, "").varint(2, 11)).toBytes();
  }

  /** A BERT graph of {@code tensors} (Hugging Face names; the cls.* heads are left out). */
  static byte[] bert(Map<String, RawTensor> tensors, BertConfig config, Layout layout) {
    List<Proto> nodes = new ArrayList<>();
    List<Proto> inits = new ArrayList<>();
    inits.add(longs("embeddings.position_ids", new long[] {1, config.maxPositionEmbeddings()},
        new long[config.maxPositionEmbeddings()]));
    int anonymous = 700;
    String previous = "/embeddings/LayerNorm/Add_1_output_0";
    for (RawTensor t : tensors.values()) {
      if (!t.name().startsWith("bert.")) {
        continue;
      }
      String name = t.name().substring("bert.".length());
      boolean linear = t.hfShape().length == 2 && !name.startsWith("embeddings.");
      if (!linear) {
        inits.add(floats(name, t.hfShape(), TensorData.hfValues(t)));
        continue;
      }
      long[] hf = t.hfShape();
      String weight = "onnx::MatMul_" + anonymous++;
      inits.add(floats(weight, new long[] {hf[1], hf[0]}, transpose(TensorData.hfValues(t), (int) hf[0],
          (int) hf[1])));
      String module = name.substring(0, name.length() - ".weight".length());
      String node = layout.namedNodes() ? "/" + module.replace('.', '/').replaceAll("/(\\d+)(?=/|$)", ".$1")
          + "/MatMul" : "MatMul_" + anonymous;
      nodes.add(node(node, "MatMul", List.of(previous, weight), List.of(node + "_output_0")));
      previous = node + "_output_0";
    }
    String self = "/encoder/layer.0/attention/self/";
    if (layout.heads()) {
      nodes.add(constant(self + "Constant_2", longs("", new long[] {1}, config.numAttentionHeads())));
      nodes.add(constant(self + "Constant_3", longs("", new long[] {1}, config.headSize())));
      nodes.add(node(self + "Concat", "Concat", List.of(self + "Unsqueeze_output_0", self + "Unsqueeze_1_output_0",
          self + "Constant_2_output_0", self + "Constant_3_output_0"), List.of(self + "Concat_output_0")));
    }
    nodes.add(node(self + "Reshape", "Reshape", List.of(self + "key/Add_output_0", self + "Concat_output_0"),
        List.of(self + "Reshape_output_0")));
    String ln = "/embeddings/LayerNorm/";
    if (layout.eps()) {
      nodes.add(constant(ln + "Constant_1", floats("", new long[0], new float[] {(float) config.layerNormEps()})));
    }
    nodes.add(node(ln + "Add", "Add", List.of(ln + "ReduceMean_1_output_0", ln + "Constant_1_output_0"),
        List.of(ln + "Add_output_0")));
    nodes.add(node(ln + "Sqrt", "Sqrt", List.of(ln + "Add_output_0"), List.of(ln + "Sqrt_output_0")));
    String act = "/encoder/layer.0/intermediate/intermediate_act_fn/";
    nodes.add(node(act + (layout.erf() ? "Erf" : "Tanh"), layout.erf() ? "Erf" : "Tanh", List.of(act + "Div_output_0"),
        List.of(act + "Erf_output_0")));
    return model(nodes, inits);
  }

  /** A row-major {@code [rows, cols]} matrix as {@code [cols, rows]}. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] out = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = m[r * cols + c];
      }
    }
    return out;
  }

  /** A tokenizer.json with a WordPiece model over {@code tokens} and a BertNormalizer. */
  static String tokenizerJson(List<String> tokens, boolean lowercase) {
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      vocab.append(i == 0 ? "" : ", ").append('"').append(tokens.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\": ").append(i);
    }
    return "{\"version\": \"1.0\", \"normalizer\": {\"type\": \"BertNormalizer\", \"clean_text\": true, "
        + "\"handle_chinese_chars\": true, \"strip_accents\": null, \"lowercase\": " + lowercase + "}, "
        + "\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"}, \"model\": {\"type\": \"WordPiece\", "
        + "\"unk_token\": \"[UNK]\", \"continuing_subword_prefix\": \"##\", \"max_input_chars_per_word\": 100, "
        + "\"vocab\": {" + vocab + "}}}";
  }
}
