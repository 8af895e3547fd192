package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * Reads the parts of an ONNX file ({@code ModelProto}, protobuf wire format) that a weight import
 * needs: the opset, the producer, and the graph's initializers, nodes, inputs and outputs. The file
 * is memory-mapped; every length is checked against the file and against the message holding it
 * before anything is allocated, so a truncated or corrupt file is refused with one line, never an
 * {@link OutOfMemoryError}. Tensor data ({@code raw_data}, or a packed {@code float_data}) are
 * little-endian slices of the map, not copies. Data kept in external files are refused.
 *
 * <p>Field numbers are those of {@code onnx.proto} (ONNX 1.x): ModelProto ir_version 1,
 * producer_name 2, producer_version 3, graph 7, opset_import 8; GraphProto node 1, initializer 5,
 * input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute 5; TensorProto
 * dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9, external_data
 * 13, data_location 14.
 */
final class OnnxReader {

  /** TensorProto.DataType values Workbench reads. */
  static final int FLOAT = 1;
  static final int INT32 = 6;
  static final int INT64 = 7;
  static final int DOUBLE = 11;

  /** Bytes of one element of each fixed-size data type, indexed by TensorProto.DataType; 0 if unknown. */
  private static final int[] ELEMENT_BYTES = {0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2};

  /** More dimensions than this is no tensor a model holds. */
  static final int MAX_DIMS = 16;

  /** Numbers stored one by one as varints in one field: more is no constant, and would cost 8 bytes each to hold. */
  static final int MAX_NUMBERS = 1 << 20;

  /** Nodes, initializers, attributes and names together: a BERT-Large export has about 10,000. */
  static final int MAX_PARTS = 1 << 22;

  /**
   * One tensor: an initializer, or a Constant node's value.
   *
   * @param name as stored (may be empty for a Constant's value)
   * @param dims the shape as stored
   * @param dataType TensorProto.DataType ({@link #FLOAT}, {@link #INT64}, ...)
   * @param data the values, little-endian, exactly {@code product(dims) * element size} bytes for a
   *     known data type: a slice of the mapped file, or (for numbers stored as varints) a heap copy
   */
  record Tensor(String name, long[] dims, int dataType, ByteBuffer data) {

    long elementCount() {
      return Shapes.elementCount(dims);
    }

    /** The values of a small integer tensor (INT64 or INT32); empty for another type. */
    long[] longs() {
      int n = (int) Math.min(elementCount(), data.capacity());
      if (dataType == INT64) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = data.getLong(8 * i);
        }
        return out;
      }
      if (dataType == INT32) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = data.getInt(4 * i);
        }
        return out;
      }
      return new long[0];
    }

    /** The only value of a one-element FLOAT or DOUBLE tensor; NaN otherwise. */
    double scalar() {
      if (elementCount() != 1) {
        return Double.NaN;
      }
      return dataType == FLOAT ? data.getFloat(0) : dataType == DOUBLE ? data.getDouble(0) : Double.NaN;
    }
  }

  /**
   * One attribute of a node, the kinds Workbench uses: a float, an int, a tensor, a list of ints.
   * Absent kinds are NaN, 0, null and an empty array.
   */
  record Attribute(String name, double f, long i, Tensor t, long[] ints) {
  }

  /** One node of the graph. */
  record Node(String name, String opType, List<String> inputs, List<String> outputs,
      Map<String, Attribute> attributes) {

    String input(int index) {
      return index < inputs.size() ? inputs.get(index) : "";
    }

    Attribute attribute(String attributeName) {
      return attributes.get(attributeName);
    }
  }

  /**
   * What was read.
   *
   * @param irVersion ModelProto.ir_version
   * @param opset the default domain's opset version (0 if not stated)
   * @param producer producer name and version, e.g. "pytorch 2.0.1"
   * @param initializers by name, in file order
   * @param nodes in graph order
   * @param inputs the graph's input names
   * @param outputs the graph's output names
   */
  record Model(long irVersion, long opset, String producer, Map<String, Tensor> initializers, List<Node> nodes,
      List<String> inputs, List<String> outputs) {
  }

  private OnnxReader() {
  }

  /** Reads {@code file}; every refusal is a one-line {@link CheckpointException} naming the file. */
  static Model read(Path file) throws CheckpointException {
    String name = file.getFileName().toString();
    try (MappedFile mapped = MappedFile.open(file)) {
      long size = mapped.size();
      if (size > Integer.MAX_VALUE) {
        throw new CheckpointException(name, Message.of(OnnxReader.class, "OnnxReader.tooLarge", size));
      }
      ByteBuffer all = mapped.slice(0, size);
      return model(new Wire(all, 0, (int) size, (int) size, new int[1]), name);
    } catch (Malformed m) {
      throw new CheckpointException(name, m.problem);
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(OnnxReader.class, "OnnxReader.cannotRead",
          Message.verbatim(ex.getMessage())), ex);
    }
  }

  private static Model model(Wire in, String file) throws CheckpointException {
    long ir = 0;
    long opset = 0;
    String producer = "";
    String version = "";
    Wire graph = null;
    while (in.more()) {
      switch (in.tag()) {
        case 1 -> ir = in.varint();
        case 2 -> producer = in.string();
        case 3 -> version = in.string();
        case 7 -> graph = in.message();
        case 8 -> opset = opsetOf(in.message(), opset);
        default -> in.skip();
      }
    }
    if (graph == null) {
      throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.noGraph"));
    }
    Map<String, Tensor> initializers = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    while (graph.more()) {
      switch (graph.tag()) {
        case 1 -> nodes.add(node(graph.message(), file));
        case 5 -> {
          Tensor t = tensor(graph.message(), file);
          initializers.put(t.name(), t);
        }
        case 11 -> inputs.add(valueName(graph.message()));
        case 12 -> outputs.add(valueName(graph.message()));
        default -> graph.skip();
      }
    }
    String by = (producer + " " + version).strip();
    return new Model(ir, opset, by, Collections.unmodifiableMap(initializers), List.copyOf(nodes),
        List.copyOf(inputs), List.copyOf(outputs));
  }

  /** OperatorSetIdProto: domain 1, version 2; only the default domain ("" or "ai.onnx") counts. */
  private static long opsetOf(Wire in, long previous) {
    String domain = "";
    long version = 0;
    while (in.more()) {
      switch (in.tag()) {
        case 1 -> domain = in.string();
        case 2 -> version = in.varint();
        default -> in.skip();
      }
    }
    return domain.isEmpty() || domain.equals("ai.onnx") ? version : previous;
  }

  /** ValueInfoProto: name 1. */
  private static String valueName(Wire in) {
    String name = "";
    while (in.more()) {
      if (in.tag() == 1) {
        name = in.string();
      } else {
        in.skip();
      }
    }
    return name;
  }

  private static Node node(Wire in, String file) throws CheckpointException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String op = "";
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    while (in.more()) {
      switch (in.tag()) {
        case 1 -> inputs.add(in.string());
        case 2 -> outputs.add(in.string());
        case 3 -> name = in.string();
        case 4 -> op = in.string();
        case 5 -> {
          Attribute a = attribute(in.message(), file);
          attributes.put(a.name(), a);
        }
        default -> in.skip();
      }
    }
    return new Node(name, op, List.copyOf(inputs), List.copyOf(outputs), Collections.unmodifiableMap(attributes));
  }

  /** AttributeProto: name 1, f 2, i 3, t 5, ints 8 (packed or not). */
  private static Attribute attribute(Wire in, String file) throws CheckpointException {
    String name = "";
    double f = Double.NaN;
    long i = 0;
    Tensor t = null;
    LongList ints = new LongList();
    while (in.more()) {
      switch (in.tag()) {
        case 1 -> name = in.string();
        case 2 -> f = Float.intBitsToFloat(in.fixed32());
        case 3 -> i = in.varint();
        case 5 -> t = tensor(in.message(), file);
        case 8 -> in.varints(ints);
        default -> in.skip();
      }
    }
    return new Attribute(name, f, i, t, ints.toArray());
  }

  private static Tensor tensor(Wire in, String file) throws CheckpointException {
    LongList dims = new LongList();
    int dataType = 0;
    String name = "";
    ByteBuffer raw = null;
    ByteBuffer floats = null;
    LongList floatBits = new LongList();
    LongList numbers = new LongList();
    boolean external = false;
    while (in.more()) {
      switch (in.tag()) {
        case 1 -> in.varints(dims);
        case 2 -> dataType = (int) in.varint();
        case 4 -> {
          if (in.wireType() == Wire.LENGTH_DELIMITED) {
            floats = in.bytes();
          } else {
            floatBits.add(in.fixed32());
          }
        }
        case 5, 7 -> in.varints(numbers);
        case 8 -> name = in.string();
        case 9 -> raw = in.bytes();
        case 13 -> {
          external = true;
          in.skip();
        }
        case 14 -> external |= in.varint() == 1;
        default -> in.skip();
      }
      if (dims.size() > MAX_DIMS) {
        throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.tooManyDims", name,
            dims.size()));
      }
    }
    if (external) {
      throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.external", name));
    }
    long[] shape = dims.toArray();
    long count;
    try {
      for (long d : shape) {
        if (d < 0) {
          throw new ArithmeticException();
        }
      }
      count = Shapes.elementCount(shape);
    } catch (ArithmeticException ex) {
      throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.absurdDims", name,
          Arrays.toString(shape)));
    }
    ByteBuffer data = raw != null ? raw : floats != null ? floats
        : floatBits.size() > 0 ? numbers(INT32, floatBits) : numbers(dataType, numbers);
    int itemBytes = dataType >= 0 && dataType < ELEMENT_BYTES.length ? ELEMENT_BYTES[dataType] : 0;
    if (itemBytes > 0 && count > Integer.MAX_VALUE / itemBytes) {
      throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.tensorTooLarge", name,
          Arrays.toString(shape)));
    }
    if (itemBytes > 0 && data.capacity() != count * itemBytes) {
      throw new CheckpointException(file, Message.of(OnnxReader.class, "OnnxReader.dataSize", name,
          data.capacity(), Arrays.toString(shape), dataType, count * itemBytes));
    }
    return new Tensor(name, shape, dataType, data.order(ByteOrder.LITTLE_ENDIAN));
  }

  /** int32_data / int64_data (varints), or unpacked float_data bits, as little-endian bytes of that width. */
  private static ByteBuffer numbers(int dataType, LongList numbers) {
    int width = dataType == INT64 ? 8 : 4;
    ByteBuffer b = ByteBuffer.allocate(numbers.size() * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < numbers.size(); i++) {
      if (width == 8) {
        b.putLong(8 * i, numbers.get(i));
      } else {
        b.putInt(4 * i, (int) numbers.get(i));
      }
    }
    return b;
  }

  /** A growable list of longs; it only grows by values read, so its size is bounded by the file's. */
  private static final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
      if (size >= MAX_NUMBERS) {
        throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.tooManyNumbers", MAX_NUMBERS));
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    long get(int i) {
      return values[i];
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** A corrupt file, said as a {@link Message}; turned into a {@link CheckpointException} by {@link #read}. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Message problem;

    Malformed(Message problem) {
      super(problem.english(), null, false, false);
      this.problem = problem;
    }
  }

  /** Protobuf wire format over {@code [pos, end)} of a buffer; a length must fit both the message and the file. */
  private static final class Wire {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final int fileSize;
    /** Parts made so far from the whole file, shared by every sub-message. */
    private final int[] parts;
    private int pos;
    private final int end;
    private int field;
    private int wireType;

    Wire(ByteBuffer buf, int pos, int end, int fileSize, int[] parts) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
      this.fileSize = fileSize;
      this.parts = parts;
    }

    /** Counts one more part (a node, tensor, attribute or name) against {@link #MAX_PARTS}. */
    void count() {
      if (++parts[0] > MAX_PARTS) {
        throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.tooManyParts", MAX_PARTS));
      }
    }

    boolean more() {
      return pos < end;
    }

    int wireType() {
      return wireType;
    }

    /** Reads the next field's tag; returns its field number. */
    int tag() {
      int at = pos;
      long tag = rawVarint();
      field = (int) (tag >>> 3);
      wireType = (int) (tag & 7);
      if (tag >>> 3 > Integer.MAX_VALUE || field <= 0 || wireType == 3 || wireType == 4 || wireType > 5) {
        throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.badTag", tag >>> 3, wireType, at));
      }
      return field;
    }

    long varint() {
      expect(VARINT);
      return rawVarint();
    }

    int fixed32() {
      expect(FIXED32);
      require(4);
      int v = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(pos);
      pos += 4;
      return v;
    }

    /** A length-delimited field as a sub-message (a node, tensor, attribute, ...: one part). */
    Wire message() {
      count();
      int n = length();
      Wire w = new Wire(buf, pos, pos + n, fileSize, parts);
      pos += n;
      return w;
    }

    /** A length-delimited field's bytes: a little-endian slice, not a copy. */
    ByteBuffer bytes() {
      int n = length();
      ByteBuffer b = buf.slice(pos, n).order(ByteOrder.LITTLE_ENDIAN);
      pos += n;
      return b;
    }

    String string() {
      count();
      int n = length();
      byte[] out = new byte[n];
      buf.get(pos, out);
      pos += n;
      return new String(out, StandardCharsets.UTF_8);
    }

    /** A repeated varint field, packed (length-delimited) or one value. */
    void varints(LongList into) {
      if (wireType == LENGTH_DELIMITED) {
        Wire packed = message();
        while (packed.more()) {
          into.add(packed.rawVarint());
        }
      } else {
        into.add(varint());
      }
    }

    void skip() {
      switch (wireType) {
        case VARINT -> rawVarint();
        case FIXED64 -> advance(8);
        case LENGTH_DELIMITED -> advance(length());
        case FIXED32 -> advance(4);
        default -> throw new IllegalStateException("wire type " + wireType); // refused in tag()
      }
    }

    private void advance(int n) {
      require(n);
      pos += n;
    }

    private int length() {
      expect(LENGTH_DELIMITED);
      int at = pos;
      long n = rawVarint();
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.absurdLength", Long.toUnsignedString(n), at,
            field, fileSize));
      }
      require((int) n);
      return (int) n;
    }

    private long rawVarint() {
      long result = 0;
      int at = pos;
      for (int shift = 0; shift < 64; shift += 7) {
        require(1);
        byte b = buf.get(pos++);
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.badVarint", at));
    }

    private void expect(int type) {
      if (wireType != type) {
        throw new Malformed(Message.of(OnnxReader.class, "OnnxReader.badWireType", field, wireType, pos));
      }
    }

    /** {@code n} more bytes in this message: else the file ends too soon, or the message is corrupt. */
    private void require(int n) {
      if (n > end - pos) {
        throw new Malformed((long) pos + n > fileSize
            ? Message.of(OnnxReader.class, "OnnxReader.truncated", n, pos, fileSize)
            : Message.of(OnnxReader.class, "OnnxReader.overrun", n, pos, end - pos));
      }
    }
  }
}
