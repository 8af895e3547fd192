package org.bertworkbench.core.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code BundleEntryProto} of a TensorFlow tensor bundle: where a variable lies in the data file.
 *
 * @param dtype TensorFlow DataType (1 = DT_FLOAT)
 * @param shape dimensions
 * @param shardId which data file
 * @param offset byte offset in the data file
 * @param size byte size
 * @param crc32c TensorFlow's checksum of the bytes (not verified here)
 * @param sliced true when the variable is stored as slices (not supported)
 */
record BundleEntry(int dtype, long[] shape, int shardId, long offset, long size, int crc32c, boolean sliced) {

  static final int DT_FLOAT = 1;

  /** Parses a serialized BundleEntryProto. */
  static BundleEntry parse(byte[] proto) {
    ProtoReader r = new ProtoReader(proto);
    int dtype = 0;
    long[] shape = new long[0];
    int shard = 0;
    long offset = 0;
    long size = 0;
    int crc = 0;
    boolean sliced = false;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> dtype = (int) r.varint();
        case 2 -> shape = parseShape(r.message());
        case 3 -> shard = (int) r.varint();
        case 4 -> offset = r.varint();
        case 5 -> size = r.varint();
        case 6 -> crc = r.fixed32();
        case 7 -> {
          sliced = true;
          r.skipValue();
        }
        default -> r.skipValue();
      }
    }
    return new BundleEntry(dtype, shape, shard, offset, size, crc, sliced);
  }

  /** TensorShapeProto: repeated field 2 Dim {field 1 size}; field 3 unknown_rank. */
  private static long[] parseShape(ProtoReader shape) {
    List<Long> dims = new ArrayList<>();
    while (shape.next()) {
      if (shape.field() == 2) {
        ProtoReader dim = shape.message();
        long size = 0;
        while (dim.next()) {
          if (dim.field() == 1) {
            size = dim.varint();
          } else {
            dim.skipValue();
          }
        }
        dims.add(size);
      } else {
        shape.skipValue();
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
