package org.bertworkbench.core.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Reads an uncompressed LevelDB-format table (TensorFlow's checkpoint {@code .index} file): the
 * 48-byte footer, the index block, and every data block it points to. Malformed input throws a
 * {@link BadInputException}.
 *
 * <p>Block layout: entries (varint shared key length, varint unshared length, varint value length,
 * key delta, value), then the restart array (uint32 each) and its uint32 count; each block is
 * followed by a 5-byte trailer (compression type, crc32c).
 */
final class SsTableReader {

  static final long MAGIC = 0xdb4775248b80fb57L;
  static final int FOOTER_SIZE = 48;
  static final int TRAILER_SIZE = 5;

  private SsTableReader() {
  }

  /** Every key (as UTF-8) and value, in table order. */
  static Map<String, byte[]> readAll(byte[] table) {
    if (table.length < FOOTER_SIZE) {
      throw new BadInputException(Message.of(SsTableReader.class, "noFooter", table.length));
    }
    ByteCursor footer = new ByteCursor(table, table.length - FOOTER_SIZE, FOOTER_SIZE);
    footer.varint(); // metaindex offset
    footer.varint(); // metaindex size
    long indexOffset = footer.varint();
    long indexSize = footer.varint();
    long magic = new ByteCursor(table, table.length - 8, 8).fixed64();
    if (magic != MAGIC) {
      throw new BadInputException(Message.of(SsTableReader.class, "badMagic", Long.toHexString(magic)));
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (byte[] handle : readBlock(table, indexOffset, indexSize).values()) {
      ByteCursor h = new ByteCursor(handle);
      out.putAll(readBlock(table, h.varint(), h.varint()));
    }
    return out;
  }

  /** The entries of the block at {@code offset}, {@code size} bytes long (trailer excluded). */
  static Map<String, byte[]> readBlock(byte[] table, long offset, long size) {
    if (offset < 0 || size < 4 || offset + size + TRAILER_SIZE > table.length - FOOTER_SIZE) {
      throw new BadInputException(Message.of(SsTableReader.class, "blockOutside", offset, size, table.length));
    }
    int start = (int) offset;
    int len = (int) size;
    int compression = table[start + len];
    if (compression != 0) {
      throw new BadInputException(Message.of(SsTableReader.class, "blockCompressed", offset, compression));
    }
    int restarts = new ByteCursor(table, start + len - 4, 4).fixed32();
    long entriesEnd = (long) len - 4 - 4L * restarts;
    if (restarts < 0 || entriesEnd < 0) {
      throw new BadInputException(Message.of(SsTableReader.class, "badRestarts", offset, restarts));
    }
    ByteCursor in = new ByteCursor(table, start, (int) entriesEnd);
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] key = new byte[0];
    while (in.hasMore()) {
      int shared = in.varintLength();
      int unshared = in.varintLength();
      int valueLength = in.varintLength();
      if (shared > key.length) {
        throw new BadInputException(Message.of(SsTableReader.class, "badShared", in.position(), shared,
            key.length));
      }
      byte[] next = Arrays.copyOf(key, shared + unshared);
      System.arraycopy(in.bytes(unshared), 0, next, shared, unshared);
      key = next;
      out.put(new String(key, StandardCharsets.UTF_8), in.bytes(valueLength));
    }
    return out;
  }
}
