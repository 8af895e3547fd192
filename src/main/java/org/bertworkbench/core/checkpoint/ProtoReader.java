package org.bertworkbench.core.checkpoint;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * A minimal protobuf wire-format reader: iterate fields with {@link #next()}, then read the value
 * with the method for its wire type, or {@link #skipValue()}.
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final ByteCursor in;
  private int field;
  private int wireType;

  ProtoReader(ByteCursor in) {
    this.in = in;
  }

  ProtoReader(byte[] message) {
    this(new ByteCursor(message));
  }

  /** Advances to the next field; false at the end of the message. */
  boolean next() {
    if (!in.hasMore()) {
      return false;
    }
    long tag = in.varint();
    field = (int) (tag >>> 3);
    wireType = (int) (tag & 7);
    if (field <= 0) {
      throw new BadInputException(Message.of(ProtoReader.class, "badField", field, in.position()));
    }
    return true;
  }

  int field() {
    return field;
  }

  long varint() {
    expect(VARINT);
    return in.varint();
  }

  int fixed32() {
    expect(FIXED32);
    return in.fixed32();
  }

  /** The embedded message (or packed field) of a length-delimited field. */
  ProtoReader message() {
    expect(LENGTH_DELIMITED);
    return new ProtoReader(in.sub(in.varintLength()));
  }

  void skipValue() {
    switch (wireType) {
      case VARINT -> in.varint();
      case FIXED64 -> in.skip(8);
      case LENGTH_DELIMITED -> in.skip(in.varintLength());
      case FIXED32 -> in.skip(4);
      default -> throw new BadInputException(Message.of(ProtoReader.class, "unsupportedWireType", wireType, field));
    }
  }

  private void expect(int type) {
    if (wireType != type) {
      throw new BadInputException(Message.of(ProtoReader.class, "wrongWireType", field, wireType, type));
    }
  }
}
