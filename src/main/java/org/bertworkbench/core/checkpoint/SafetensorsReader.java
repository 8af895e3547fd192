package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the data.
 * Everything is checked before any tensor is touched; F32 tensors are memory-mapped slices, F16 and
 * BF16 tensors are converted to F32 on load (new direct buffers). Names are returned as stored.
 */
public final class SafetensorsReader {

  /** Tensors by their stored name (header order) and the header's {@code __metadata__}. */
  public record Contents(Map<String, RawTensor> tensors, Map<String, String> metadata) {
  }

  /** Headers larger than this are refused as absurd. */
  public static final long MAX_HEADER_BYTES = 100L << 20;

  private SafetensorsReader() {
  }

  /** Reads and validates {@code file}. */
  public static Contents read(Path file) throws CheckpointException {
    String name = file.getFileName().toString();
    try (MappedFile mapped = MappedFile.open(file)) {
      long fileSize = mapped.size();
      byte[] headerBytes = readHeader(file, name, fileSize);
      long dataStart = 8L + headerBytes.length;
      JsonObject header = JsonText.parseObject(name, JsonText.HEADER,
          new String(headerBytes, StandardCharsets.UTF_8));
      List<Entry> entries = parseEntries(name, header);
      checkLayout(name, entries, fileSize - dataStart);
      Map<String, RawTensor> tensors = new LinkedHashMap<>();
      for (Entry e : entries) {
        ByteBuffer raw = mapped.slice(dataStart + e.begin, e.end - e.begin);
        tensors.put(e.name, new RawTensor(e.name, e.shape, e.dtype.toF32(raw), false));
      }
      return new Contents(tensors, metadata(name, header));
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(SafetensorsReader.class, "cannotRead", ex.getMessage()), ex);
    }
  }

  private static byte[] readHeader(Path file, String name, long fileSize) throws CheckpointException, IOException {
    if (fileSize < 8) {
      throw new CheckpointException(name, Message.of(SafetensorsReader.class, "tooShort", fileSize));
    }
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, len, 0);
      long headerLength = len.getLong(0);
      if (headerLength < 0 || headerLength > fileSize - 8) {
        throw new CheckpointException(name, Message.of(SafetensorsReader.class, "headerPastEnd",
            Long.toUnsignedString(headerLength), fileSize));
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw new CheckpointException(name, Message.of(SafetensorsReader.class, "headerAbsurd", headerLength,
            MAX_HEADER_BYTES));
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(ch, header, 8);
      return header.array();
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      if (ch.read(into, position + into.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static List<Entry> parseEntries(String file, JsonObject header) throws CheckpointException {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonElement> kv : header.entrySet()) {
      if (!kv.getKey().equals("__metadata__")) {
        entries.add(Entry.parse(file, kv.getKey(), kv.getValue()));
      }
    }
    return entries;
  }

  /** Offsets in order, not overlapping, inside the data; byte sizes equal to product(shape) * itemsize. */
  private static void checkLayout(String file, List<Entry> entries, long dataSize) throws CheckpointException {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
    Entry previous = null;
    for (Entry e : byOffset) {
      if (e.end > dataSize) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "pastEnd", e.name, e.end,
            dataSize));
      }
      if (previous != null && e.begin < previous.end) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "overlap", previous.name, e.name,
            e.begin, previous.end));
      }
      previous = e;
    }
  }

  private static Map<String, String> metadata(String file, JsonObject header) throws CheckpointException {
    Map<String, String> out = new LinkedHashMap<>();
    JsonElement m = header.get("__metadata__");
    if (m == null || m.isJsonNull()) {
      return out;
    }
    if (!m.isJsonObject()) {
      throw new CheckpointException(file, Message.of(SafetensorsReader.class, "metadataNotObject"));
    }
    for (Map.Entry<String, JsonElement> e : m.getAsJsonObject().entrySet()) {
      out.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
    }
    return out;
  }

  /** One header entry, checked. */
  private record Entry(String name, DType dtype, long[] shape, long begin, long end) {

    static Entry parse(String file, String name, JsonElement json) throws CheckpointException {
      if (!json.isJsonObject()) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "entryNotObject", name));
      }
      JsonObject o = json.getAsJsonObject();
      DType dtype = DType.parse(file, name, o.get("dtype"));
      long[] shape = longs(file, name, "shape", o.get("shape"), -1);
      long[] offsets = longs(file, name, "data_offsets", o.get("data_offsets"), 2);
      long begin = offsets[0];
      long end = offsets[1];
      if (end < begin) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "offsetsOutOfOrder", name, begin,
            end));
      }
      long expected;
      try {
        expected = Math.multiplyExact(Shapes.elementCount(shape), (long) dtype.bytes);
      } catch (ArithmeticException ex) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "absurdShape", name,
            Arrays.toString(shape)));
      }
      if (end - begin != expected) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "sizeMismatch", name, end - begin,
            Arrays.toString(shape), dtype, expected));
      }
      if (expected / dtype.bytes * 4 > Integer.MAX_VALUE) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "tooLarge", name));
      }
      return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative whole numbers (of length {@code length} unless it is -1). */
    private static long[] longs(String file, String name, String key, JsonElement e, int length)
        throws CheckpointException {
      Message bad = Message.of(SafetensorsReader.class, "badArray", name, key, e);
      if (e == null || !e.isJsonArray() || (length >= 0 && e.getAsJsonArray().size() != length)) {
        throw new CheckpointException(file, bad);
      }
      JsonArray a = e.getAsJsonArray();
      long[] out = new long[a.size()];
      for (int i = 0; i < out.length; i++) {
        JsonElement x = a.get(i);
        if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
          throw new CheckpointException(file, bad);
        }
        double d = x.getAsDouble();
        if (d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE / 2) {
          throw new CheckpointException(file, bad);
        }
        out[i] = x.getAsLong();
      }
      return out;
    }
  }

  /** Supported element types; all load as F32. */
  private enum DType {
    F32(4), F16(2), BF16(2);

    final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }

    static DType parse(String file, String name, JsonElement e) throws CheckpointException {
      String s = e != null && e.isJsonPrimitive() ? e.getAsString() : String.valueOf(e);
      try {
        return valueOf(s);
      } catch (IllegalArgumentException ex) {
        throw new CheckpointException(file, Message.of(SafetensorsReader.class, "unsupportedDtype", name, s));
      }
    }

    /** The tensor as little-endian F32: the mapped slice itself, or a converted copy. */
    ByteBuffer toF32(ByteBuffer raw) {
      if (this == F32) {
        return raw;
      }
      int n = raw.capacity() / 2;
      ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        short h = raw.getShort(2 * i);
        out.putFloat(4 * i, this == BF16 ? Float.intBitsToFloat((h & 0xffff) << 16) : halfToFloat(h));
      }
      return out;
    }

    static float halfToFloat(short half) {
      int bits = half & 0xffff;
      int sign = (bits & 0x8000) << 16;
      int exp = (bits >>> 10) & 0x1f;
      int mant = bits & 0x3ff;
      if (exp == 0x1f) {
        return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
      }
      if (exp == 0) {
        float v = mant * 0x1p-24f;
        return sign != 0 ? -v : v;
      }
      return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
  }
}
