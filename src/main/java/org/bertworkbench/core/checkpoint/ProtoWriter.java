package org.bertworkbench.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format writer, the counterpart of {@link ProtoReader}: a small message is
 * built in memory field by field ({@link #toByteArray()}); a large one (a tensor's data) is written
 * by the caller after {@link #tag} and {@link #varint(OutputStream, long)} for its length, so that
 * no copy of the weights is made.
 */
final class ProtoWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A varint field (int32, int64, enum, bool). */
  ProtoWriter varint(int field, long value) {
    tag(out, field, ProtoReader.VARINT);
    varint(out, value);
    return this;
  }

  /** A string field, UTF-8. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-delimited field. */
  ProtoWriter bytes(int field, byte[] value) {
    tag(out, field, ProtoReader.LENGTH_DELIMITED);
    varint(out, value.length);
    out.writeBytes(value);
    return this;
  }

  /** An embedded message. */
  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** A float field (wire type fixed32, little-endian). */
  ProtoWriter float32(int field, float value) {
    tag(out, field, ProtoReader.FIXED32);
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xff);
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }

  static void tag(OutputStream out, int field, int wireType) {
    varint(out, ((long) field << 3) | wireType);
  }

  /** A varint: 7 bits a byte, low bits first; a negative number takes ten bytes, as protobuf's int64. */
  static void varint(OutputStream out, long value) {
    long v = value;
    try {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The bytes {@link #varint(OutputStream, long)} writes for {@code value}. */
  static int varintSize(long value) {
    int n = 1;
    long v = value;
    while ((v & ~0x7fL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }
}
