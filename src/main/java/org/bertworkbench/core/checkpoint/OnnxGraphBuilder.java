package org.bertworkbench.core.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * An ONNX {@code ModelProto} built node by node and written in one pass: nodes, inputs and outputs
 * are small messages held in memory; initializers keep a reference to their data and are copied to
 * the file as it is written (a weight stored (out, in) is transposed on the way). Field numbers as
 * in {@link OnnxReader}'s notes, plus NodeProto attribute 5; AttributeProto name 1, f 2, i 3, ints
 * 8, type 20; ValueInfoProto name 1, type 2; TypeProto tensor_type 1 (elem_type 1, shape 2);
 * TensorShapeProto dim 1 (dim_value 1, dim_param 2); OperatorSetIdProto domain 1, version 2;
 * ModelProto metadata_props 14 (key 1, value 2).
 */
final class OnnxGraphBuilder {

  /** ONNX IR version 8 (ONNX 1.10 on), which every ONNX Runtime since 1.10 reads. */
  static final int IR_VERSION = 8;
  /** The default domain's opset: 17 has LayerNormalization. */
  static final int OPSET = 17;
  /** A protobuf message cannot be longer: a bigger model needs external data, which we do not write. */
  static final long MAX_BYTES = Integer.MAX_VALUE;

  private static final int ATTR_FLOAT = 1;
  private static final int ATTR_INT = 2;
  private static final int ATTR_INTS = 7;

  /** One initializer: its header (dims, type, name) and where its raw_data come from. */
  private record Initializer(byte[] header, long dataBytes, RawTensor source, boolean transpose, byte[] small) {}

  private final List<byte[]> nodes = new ArrayList<>();
  private final List<Initializer> initializers = new ArrayList<>();
  private final List<byte[]> inputs = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();
  private int counter;

  /** A fresh value name with a readable stem. */
  String fresh(String stem) {
    return stem + "_" + (counter++);
  }

  /** Adds a node; attributes are name, value pairs (Float, Integer/Long or long[]); returns its first output. */
  String node(String op, List<String> in, String out, Object... attributes) {
    return namedNode(op + "_" + (counter++), op, in, out, attributes);
  }

  /** As {@link #node}, the node named {@code name} (a module path such as /bert/pooler/dense/MatMul). */
  String namedNode(String name, String op, List<String> in, String out, Object... attributes) {
    ProtoWriter n = new ProtoWriter();
    for (String i : in) {
      n.string(1, i);
    }
    n.string(2, out);
    n.string(3, name);
    n.string(4, op);
    for (int a = 0; a < attributes.length; a += 2) {
      ProtoWriter attr = new ProtoWriter().string(1, (String) attributes[a]);
      Object v = attributes[a + 1];
      if (v instanceof Float f) {
        attr.float32(2, f).varint(20, ATTR_FLOAT);
      } else if (v instanceof long[] ints) {
        for (long x : ints) {
          attr.varint(8, x);
        }
        attr.varint(20, ATTR_INTS);
      } else {
        attr.varint(3, ((Number) v).longValue()).varint(20, ATTR_INT);
      }
      n.message(5, attr);
    }
    nodes.add(n.toByteArray());
    return out;
  }

  /** A float32 initializer from a stored tensor; {@code transpose} turns a 2-D (out, in) weight into (in, out). */
  String weight(String name, RawTensor t, boolean transpose) {
    boolean flip = transpose != t.transposed();
    long[] dims = t.hfShape();
    if (transpose) {
      dims = new long[] {dims[1], dims[0]};
    }
    if (t.data().capacity() < t.elementCount() * 4) {
      throw new IllegalArgumentException(t.name() + " holds fewer bytes than its shape needs");
    }
    initializers.add(new Initializer(header(name, dims, OnnxReader.FLOAT), t.elementCount() * 4, t, flip, null));
    return name;
  }

  /** A small float32 initializer. */
  String floats(String name, long[] dims, float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    initializers.add(new Initializer(header(name, dims, OnnxReader.FLOAT), b.capacity(), null, false, b.array()));
    return name;
  }

  /** A small int64 initializer. */
  String longs(String name, long[] dims, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    initializers.add(new Initializer(header(name, dims, OnnxReader.INT64), b.capacity(), null, false, b.array()));
    return name;
  }

  /** A graph input or output: a tensor of {@code elemType} whose dims are numbers or names (dim_param). */
  void input(String name, int elemType, Object... dims) {
    inputs.add(valueInfo(name, elemType, dims));
  }

  void output(String name, int elemType, Object... dims) {
    outputs.add(valueInfo(name, elemType, dims));
  }

  private static byte[] valueInfo(String name, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof String s) {
        dim.string(2, s);
      } else {
        dim.varint(1, ((Number) d).longValue());
      }
      shape.message(1, dim);
    }
    ProtoWriter tensor = new ProtoWriter().varint(1, elemType).message(2, shape);
    ProtoWriter type = new ProtoWriter().message(1, tensor);
    return new ProtoWriter().string(1, name).message(2, type).toByteArray();
  }

  private static byte[] header(String name, long[] dims, int dataType) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, dataType).string(8, name).toByteArray();
  }

  private static long tensorBytes(Initializer i) {
    return i.header.length + 1 + ProtoWriter.varintSize(i.dataBytes) + i.dataBytes;
  }

  private long graphBytes(String graphName) {
    long n = field(graphName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    for (byte[] b : nodes) {
      n += field(b.length);
    }
    for (Initializer i : initializers) {
      n += field(tensorBytes(i));
    }
    for (byte[] b : inputs) {
      n += field(b.length);
    }
    for (byte[] b : outputs) {
      n += field(b.length);
    }
    return n;
  }

  /** A length-delimited field of a one-byte tag holding {@code length} bytes. */
  private static long field(long length) {
    return 1 + ProtoWriter.varintSize(length) + length;
  }

  /**
   * Writes the model; refuses one over 2 GB before writing anything.
   *
   * @return the file's size in bytes
   */
  long write(Path file, String graphName, Map<String, String> metadata) throws IOException {
    return write(file, graphName, metadata, MAX_BYTES);
  }

  /** As {@link #write(Path, String, Map)}, refusing a model over {@code maxBytes} (a test gives a small limit). */
  long write(Path file, String graphName, Map<String, String> metadata, long maxBytes) throws IOException {
    ProtoWriter head = new ProtoWriter().varint(1, IR_VERSION).string(2, "bert-workbench").string(3, "0.1.0");
    ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, OPSET);
    head.message(8, opset);
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      head.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    }
    long graph = graphBytes(graphName);
    long total = head.size() + field(graph);
    if (total > maxBytes) {
      throw new BadInputException(Message.of(OnnxGraphBuilder.class, "OnnxExport.tooLarge", total));
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(head.toByteArray());
      ProtoWriter.tag(out, 7, ProtoReader.LENGTH_DELIMITED);
      ProtoWriter.varint(out, graph);
      for (byte[] b : nodes) {
        writeField(out, 1, b);
      }
      writeField(out, 2, graphName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Initializer i : initializers) {
        ProtoWriter.tag(out, 5, ProtoReader.LENGTH_DELIMITED);
        ProtoWriter.varint(out, tensorBytes(i));
        out.write(i.header);
        ProtoWriter.tag(out, 9, ProtoReader.LENGTH_DELIMITED);
        ProtoWriter.varint(out, i.dataBytes);
        writeData(out, i);
      }
      for (byte[] b : inputs) {
        writeField(out, 11, b);
      }
      for (byte[] b : outputs) {
        writeField(out, 12, b);
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    return Files.size(file);
  }

  private static void writeField(OutputStream out, int field, byte[] b) throws IOException {
    ProtoWriter.tag(out, field, ProtoReader.LENGTH_DELIMITED);
    ProtoWriter.varint(out, b.length);
    out.write(b);
  }

  private static void writeData(OutputStream out, Initializer i) throws IOException {
    if (i.small != null) {
      out.write(i.small);
      return;
    }
    ByteBuffer data = i.source.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    byte[] chunk = new byte[1 << 16];
    if (!i.transpose) {
      data.position(0);
      long left = i.dataBytes;
      while (left > 0) {
        int n = (int) Math.min(chunk.length, left);
        data.get(chunk, 0, n);
        out.write(chunk, 0, n);
        left -= n;
      }
      return;
    }
    // Stored (rows, cols): written (cols, rows), element [c][r] = stored [r][c].
    long rows = i.source.shape()[0];
    long cols = i.source.shape()[1];
    ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (long c = 0; c < cols; c++) {
      for (long r = 0; r < rows; r++) {
        if (!buf.hasRemaining()) {
          out.write(chunk, 0, buf.position());
          buf.clear();
        }
        buf.putFloat(data.getFloat((int) (4 * (r * cols + c))));
      }
    }
    out.write(chunk, 0, buf.position());
  }
}
