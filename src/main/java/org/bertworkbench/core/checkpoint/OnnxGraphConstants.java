package org.bertworkbench.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What an exported BERT graph says only in its constants: the number of attention heads (the
 * attention's Reshape to {@code [batch, length, heads, head size]}) and LayerNorm's epsilon (a
 * LayerNormalization node's attribute, or the constant added to the variance before Sqrt when the
 * exporter wrote LayerNorm out as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div).
 */
final class OnnxGraphConstants {

  /** Integer constants longer than this are not shapes. */
  private static final int MAX_SHAPE = 64;
  private static final long UNKNOWN = -2;

  private OnnxGraphConstants() {
  }

  /**
   * The heads of the first Reshape (nodes named for attention first, then any) whose target shape
   * ends in two known numbers {@code heads, headSize} with {@code heads * headSize == hidden}.
   */
  static OptionalInt heads(OnnxReader.Model graph, int hidden) {
    Map<String, long[]> constants = intConstants(graph);
    Map<String, OnnxReader.Node> producers = producers(graph);
    for (boolean attentionOnly : new boolean[] {true, false}) {
      for (OnnxReader.Node n : graph.nodes()) {
        if (!n.opType().equals("Reshape") || (attentionOnly && !n.name().contains("attention"))) {
          continue;
        }
        long[] shape = shape(n.input(1), constants, producers);
        int k = shape.length;
        if (k >= 2 && shape[k - 2] > 0 && shape[k - 1] > 0 && shape[k - 2] <= hidden
            && shape[k - 2] * shape[k - 1] == hidden && shape[k - 1] != hidden) {
          return OptionalInt.of((int) shape[k - 2]);
        }
      }
    }
    return OptionalInt.empty();
  }

  /**
   * A LayerNormalization node's epsilon (1e-5 when it has none, as ONNX defines), else the scalar
   * constant of the Add that feeds a Sqrt; a float32 value is given as its shortest decimal
   * (9.99999996e-13 as 1e-12).
   */
  static OptionalDouble layerNormEps(OnnxReader.Model graph) {
    for (OnnxReader.Node n : graph.nodes()) {
      if (n.opType().equals("LayerNormalization")) {
        OnnxReader.Attribute eps = n.attribute("epsilon");
        return OptionalDouble.of(eps == null || Double.isNaN(eps.f()) ? 1e-5 : shortest(eps.f()));
      }
    }
    Map<String, OnnxReader.Tensor> constants = tensorConstants(graph);
    Map<String, OnnxReader.Node> producers = producers(graph);
    for (OnnxReader.Node n : graph.nodes()) {
      OnnxReader.Node add = n.opType().equals("Sqrt") ? producers.get(n.input(0)) : null;
      if (add == null || !add.opType().equals("Add")) {
        continue;
      }
      for (String in : add.inputs()) {
        OnnxReader.Tensor c = constants.get(in);
        double v = c == null ? Double.NaN : c.scalar();
        if (v > 0 && v < 1) {
          return OptionalDouble.of(c.dataType() == OnnxReader.FLOAT ? shortest(v) : v);
        }
      }
    }
    return OptionalDouble.empty();
  }

  private static double shortest(double float32) {
    return Double.parseDouble(Float.toString((float) float32));
  }

  /** A Reshape's target: a constant, or a Concat of pieces of which the constant ones are known. */
  private static long[] shape(String name, Map<String, long[]> constants, Map<String, OnnxReader.Node> producers) {
    long[] c = constants.get(name);
    if (c != null) {
      return c;
    }
    OnnxReader.Node p = producers.get(name);
    if (p == null || !p.opType().equals("Concat")) {
      return new long[0];
    }
    long[] out = new long[0];
    for (String in : p.inputs()) {
      long[] part = constants.getOrDefault(in, new long[] {UNKNOWN});
      out = Arrays.copyOf(out, out.length + part.length);
      System.arraycopy(part, 0, out, out.length - part.length, part.length);
      if (out.length > MAX_SHAPE) {
        return new long[0];
      }
    }
    return out;
  }

  /** Small integer constants by output name: Constant nodes' values and integer initializers. */
  private static Map<String, long[]> intConstants(OnnxReader.Model graph) {
    Map<String, long[]> out = new HashMap<>();
    for (Map.Entry<String, OnnxReader.Tensor> e : tensorConstants(graph).entrySet()) {
      OnnxReader.Tensor t = e.getValue();
      if ((t.dataType() == OnnxReader.INT64 || t.dataType() == OnnxReader.INT32) && t.elementCount() <= MAX_SHAPE) {
        out.put(e.getKey(), t.longs());
      }
    }
    for (OnnxReader.Node n : graph.nodes()) {
      if (n.opType().equals("Constant") && !n.outputs().isEmpty()) {
        OnnxReader.Attribute one = n.attribute("value_int");
        OnnxReader.Attribute many = n.attribute("value_ints");
        if (one != null) {
          out.put(n.outputs().get(0), new long[] {one.i()});
        } else if (many != null && many.ints().length <= MAX_SHAPE) {
          out.put(n.outputs().get(0), many.ints());
        }
      }
    }
    return out;
  }

  /** Tensors by output name: initializers, and the {@code value} of Constant nodes. */
  private static Map<String, OnnxReader.Tensor> tensorConstants(OnnxReader.Model graph) {
    Map<String, OnnxReader.Tensor> out = new HashMap<>(graph.initializers());
    for (OnnxReader.Node n : graph.nodes()) {
      OnnxReader.Attribute v = n.opType().equals("Constant") ? n.attribute("value") : null;
      if (v != null && v.t() != null && !n.outputs().isEmpty()) {
        out.put(n.outputs().get(0), v.t());
      }
      OnnxReader.Attribute f = n.opType().equals("Constant") ? n.attribute("value_float") : null;
      if (f != null && !Double.isNaN(f.f()) && !n.outputs().isEmpty()) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0, (float) f.f());
        out.put(n.outputs().get(0), new OnnxReader.Tensor("", new long[0], OnnxReader.FLOAT, b));
      }
    }
    return out;
  }

  private static Map<String, OnnxReader.Node> producers(OnnxReader.Model graph) {
    Map<String, OnnxReader.Node> out = new HashMap<>();
    for (OnnxReader.Node n : graph.nodes()) {
      for (String o : n.outputs()) {
        out.put(o, n);
      }
    }
    return out;
  }
}
