package org.bertworkbench.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * Writes tensors as a {@code .safetensors} file the way {@code transformers} expects: names sorted,
 * F32, Hugging Face layout (transposed tensors are written transposed back), header padded with
 * spaces to a multiple of 8 bytes, {@code "__metadata__": {"format": "pt"}}. The tied
 * {@value #TIED_DECODER} is never written. The file appears atomically.
 */
public final class SafetensorsWriter {

  /** The MLM decoder weight, tied to the word embeddings. */
  public static final String TIED_DECODER = "cls.predictions.decoder.weight";

  private SafetensorsWriter() {
  }

  public static void write(Path file, Map<String, RawTensor> tensors) throws IOException {
    Map<String, RawTensor> sorted = new TreeMap<>(tensors);
    sorted.remove(TIED_DECODER);
    JsonObject header = new JsonObject();
    JsonObject meta = new JsonObject();
    meta.addProperty("format", "pt");
    header.add("__metadata__", meta);
    List<RawTensor> order = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, RawTensor> e : sorted.entrySet()) {
      RawTensor t = e.getValue();
      long bytes = t.elementCount() * 4;
      int held = TensorData.bytes(t).limit();
      if (held != bytes) {
        throw new IllegalArgumentException(e.getKey() + ": buffer holds " + held + " bytes, shape needs " + bytes);
      }
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", "F32");
      JsonArray shape = new JsonArray();
      for (long d : t.hfShape()) {
        shape.add(d);
      }
      entry.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + bytes);
      entry.add("data_offsets", offsets);
      header.add(e.getKey(), entry);
      order.add(t);
      offset += bytes;
    }
    byte[] headerBytes = padded(new Gson().toJson(header));
    AtomicFiles.write(file, ch -> {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
      AtomicFiles.writeFully(ch, len);
      AtomicFiles.writeFully(ch, ByteBuffer.wrap(headerBytes));
      for (RawTensor t : order) {
        writeTensor(ch, t);
      }
    });
  }

  private static byte[] padded(String json) {
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    return (json + " ".repeat((8 - length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeTensor(FileChannel ch, RawTensor t) throws IOException {
    if (!t.transposed()) {
      AtomicFiles.writeFully(ch, TensorData.bytes(t));
      return;
    }
    float[] values = TensorData.hfValues(t);
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    AtomicFiles.writeFully(ch, b);
  }
}
