package org.bertworkbench.core.checkpoint;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Reads varints, fixed-width little-endian integers and byte runs from a byte array, as LevelDB
 * tables and the protobuf wire format store them. Malformed input throws a
 * {@link BadInputException} with the byte position.
 */
final class ByteCursor {

  private final byte[] buf;
  private int pos;
  private final int end;

  ByteCursor(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + buf.length + " bytes");
    }
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  ByteCursor(byte[] buf) {
    this(buf, 0, buf.length);
  }

  boolean hasMore() {
    return pos < end;
  }

  int position() {
    return pos;
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      require(1);
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new BadInputException(Message.of(ByteCursor.class, "varintTooLong", pos));
  }

  /** A varint that must fit a non-negative int (a length or a count). */
  int varintLength() {
    long v = varint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new BadInputException(Message.of(ByteCursor.class, "absurdLength", Long.toUnsignedString(v), pos));
    }
    return (int) v;
  }

  int fixed32() {
    require(4);
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  long fixed64() {
    long lo = fixed32() & 0xffffffffL;
    long hi = fixed32() & 0xffffffffL;
    return lo | hi << 32;
  }

  /** A sub-cursor over the next {@code n} bytes, skipping them here. */
  ByteCursor sub(int n) {
    require(n);
    ByteCursor c = new ByteCursor(buf, pos, n);
    pos += n;
    return c;
  }

  byte[] bytes(int n) {
    require(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  void skip(int n) {
    require(n);
    pos += n;
  }

  private void require(int n) {
    if (n < 0 || n > end - pos) {
      throw new BadInputException(Message.of(ByteCursor.class, "truncated", n, pos, end - pos));
    }
  }
}
