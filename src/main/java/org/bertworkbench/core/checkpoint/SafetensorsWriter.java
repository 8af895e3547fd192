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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
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

  /**
   * A tensor to write whose bytes are read only when its turn comes: an engine's arrays copied out
   * one at a time, not all at once (saving BERT-Base's weights and optimizer state held 1.3 GB of
   * copies on the heap together, issue 12).
   *
   * @param hfShape the shape in Hugging Face layout, for the header
   * @param read the tensor itself, called once while the file is written
   */
  public record Deferred(long[] hfShape, Supplier<RawTensor> read) {

    public static Deferred of(RawTensor t) {
      return new Deferred(t.hfShape(), () -> t);
    }
  }

  public static void write(Path file, Map<String, RawTensor> tensors) throws IOException {
    Map<String, Deferred> deferred = new LinkedHashMap<>();
    tensors.forEach((name, t) -> deferred.put(name, Deferred.of(t)));
    writeDeferred(file, deferred);
  }

  /** As {@link #write}, each tensor read when it is written and dropped before the next. */
  public static void writeDeferred(Path file, Map<String, Deferred> tensors) throws IOException {
    Map<String, Deferred> sorted = new TreeMap<>(tensors);
    sorted.remove(TIED_DECODER);
    JsonObject header = new JsonObject();
    JsonObject meta = new JsonObject();
    meta.addProperty("format", "pt");
    header.add("__metadata__", meta);
    List<Map.Entry<String, Deferred>> order = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Deferred> e : sorted.entrySet()) {
      long bytes = 4;
      JsonArray shape = new JsonArray();
      for (long d : e.getValue().hfShape()) {
        shape.add(d);
        bytes *= d;
      }
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", "F32");
      entry.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + bytes);
      entry.add("data_offsets", offsets);
      header.add(e.getKey(), entry);
      order.add(e);
      offset += bytes;
    }
    byte[] headerBytes = padded(new Gson().toJson(header));
    AtomicFiles.write(file, ch -> {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
      AtomicFiles.writeFully(ch, len);
      AtomicFiles.writeFully(ch, ByteBuffer.wrap(headerBytes));
      for (Map.Entry<String, Deferred> e : order) {
        RawTensor t = e.getValue().read().get();
        long bytes = t.elementCount() * 4;
        int held = TensorData.bytes(t).limit();
        if (held != bytes || !Arrays.equals(t.hfShape(), e.getValue().hfShape())) {
          throw new IllegalArgumentException(e.getKey() + ": buffer holds " + held + " bytes of "
              + Arrays.toString(t.hfShape()) + ", the header says " + Arrays.toString(e.getValue().hfShape()));
        }
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
