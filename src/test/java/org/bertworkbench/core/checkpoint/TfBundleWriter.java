package org.bertworkbench.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * Test-only writer of a TensorFlow tensor bundle: {@code <prefix>.index} (a LevelDB table with one
 * data block, an empty metaindex block, an index block and the footer) and
 * {@code <prefix>.data-00000-of-00001} (raw little-endian float32).
 */
final class TfBundleWriter {

  /** One variable: TF dtype, shape, values in TF layout. */
  record Variable(int dtype, long[] shape, float[] values) {
    Variable(long[] shape, float[] values) {
      this(1, shape, values);
    }
  }

  private TfBundleWriter() {
  }

  static void write(Path prefix, Map<String, Variable> variables) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    TreeMap<String, byte[]> entries = new TreeMap<>();
    entries.put("", header());
    for (Map.Entry<String, Variable> e : variables.entrySet()) {
      Variable v = e.getValue();
      ByteBuffer b = ByteBuffer.allocate(v.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v.values());
      entries.put(e.getKey(), entry(v.dtype(), v.shape(), data.size(), b.capacity()));
      data.write(b.array());
    }
    Files.write(prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001"), data.toByteArray());
    Files.write(prefix.resolveSibling(prefix.getFileName() + ".index"), table(entries));
  }

  /** The LevelDB table bytes for sorted entries. */
  static byte[] table(TreeMap<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] dataBlock = block(entries);
    long dataOffset = 0;
    writeBlock(out, dataBlock);
    long metaOffset = out.size();
    byte[] metaBlock = block(new TreeMap<>());
    writeBlock(out, metaBlock);
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    varint(handle, dataOffset);
    varint(handle, dataBlock.length);
    TreeMap<String, byte[]> index = new TreeMap<>();
    index.put(entries.lastKey() + "\u0000", handle.toByteArray());
    long indexOffset = out.size();
    byte[] indexBlock = block(index);
    writeBlock(out, indexBlock);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    varint(footer, metaOffset);
    varint(footer, metaBlock.length);
    varint(footer, indexOffset);
    varint(footer, indexBlock.length);
    while (footer.size() < 40) {
      footer.write(0);
    }
    ByteBuffer magic = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, SsTableReader.MAGIC);
    footer.writeBytes(magic.array());
    out.writeBytes(footer.toByteArray());
    return out.toByteArray();
  }

  /** Entries with prefix compression against the previous key, one restart point. */
  private static byte[] block(TreeMap<String, byte[]> entries) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] prev = new byte[0];
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      int shared = 0;
      while (shared < Math.min(prev.length, key.length) && prev[shared] == key[shared]) {
        shared++;
      }
      varint(b, shared);
      varint(b, key.length - shared);
      varint(b, e.getValue().length);
      b.write(key, shared, key.length - shared);
      b.writeBytes(e.getValue());
      prev = key;
    }
    ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(1);
    b.writeBytes(tail.array());
    return b.toByteArray();
  }

  private static void writeBlock(ByteArrayOutputStream out, byte[] block) {
    out.writeBytes(block);
    out.writeBytes(new byte[] {0, 0, 0, 0, 0}); // no compression, crc not checked by the reader
  }

  /** BundleHeaderProto: num_shards 1, endianness little. */
  private static byte[] header() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    varint(b, 1 << 3);
    varint(b, 1);
    return b.toByteArray();
  }

  static byte[] entry(int dtype, long[] shape, long offset, long size) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    varint(b, 1 << 3);
    varint(b, dtype);
    ByteArrayOutputStream shapeProto = new ByteArrayOutputStream();
    for (long d : shape) {
      ByteArrayOutputStream dim = new ByteArrayOutputStream();
      varint(dim, 1 << 3);
      varint(dim, d);
      varint(shapeProto, 2 << 3 | 2);
      varint(shapeProto, dim.size());
      shapeProto.writeBytes(dim.toByteArray());
    }
    varint(b, 2 << 3 | 2);
    varint(b, shapeProto.size());
    b.writeBytes(shapeProto.toByteArray());
    if (offset != 0) {
      varint(b, 4 << 3);
      varint(b, offset);
    }
    varint(b, 5 << 3);
    varint(b, size);
    varint(b, 6 << 3 | 5);
    b.writeBytes(new byte[] {1, 2, 3, 4});
    return b.toByteArray();
  }

  static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** The Google TF name of a Hugging Face BERT name, and whether its values must be transposed. */
  static String tfName(String hf, TensorSchema.TensorSpec spec) {
    switch (hf) {
      case "cls.predictions.bias":
        return "cls/predictions/output_bias";
      case "cls.seq_relationship.weight":
        return "cls/seq_relationship/output_weights";
      case "cls.seq_relationship.bias":
        return "cls/seq_relationship/output_bias";
      default:
        break;
    }
    String n = hf.replaceAll("layer\\.(\\d+)", "layer_$1").replace('.', '/');
    if (n.endsWith("_embeddings/weight")) {
      return n.substring(0, n.length() - "/weight".length());
    }
    if (n.contains("LayerNorm/")) {
      return n.replace("LayerNorm/weight", "LayerNorm/gamma").replace("LayerNorm/bias", "LayerNorm/beta");
    }
    return spec.shape().length == 2 ? n.replace("/weight", "/kernel") : n;
  }

  /** TF variables (kernels transposed to [in, out]) for Hugging Face tensors. */
  static Map<String, Variable> fromHf(Map<String, RawTensor> hf, TensorSchema schema, String prefix) {
    Map<String, Variable> out = new TreeMap<>();
    for (RawTensor t : hf.values()) {
      TensorSchema.TensorSpec spec = schema.spec(t.name());
      String tf = prefix + tfName(t.name(), spec);
      float[] v = TensorData.hfValues(t);
      if (tf.endsWith("/kernel")) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] tv = new float[v.length];
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            tv[c * rows + r] = v[r * cols + c];
          }
        }
        out.put(tf, new Variable(new long[] {cols, rows}, tv));
      } else {
        out.put(tf, new Variable(t.shape(), v));
      }
    }
    return out;
  }
}
