package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory map of a file that hands out little-endian slices. Files under 2 GB are mapped
 * once; larger files are mapped region by region. Slices stay valid after {@link #close()}.
 */
final class MappedFile implements AutoCloseable {

  private final FileChannel channel;
  private final long size;
  private final MappedByteBuffer whole;

  private MappedFile(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    this.whole = size <= Integer.MAX_VALUE ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
  }

  static MappedFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new MappedFile(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  long size() {
    return size;
  }

  /** The bytes {@code [offset, offset + length)}, little-endian, position 0, limit = capacity = length. */
  ByteBuffer slice(long offset, long length) throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE || offset + length > size) {
      throw new IOException("bytes " + offset + "+" + length + " outside the file (" + size + " bytes)");
    }
    ByteBuffer b = whole != null
        ? whole.slice((int) offset, (int) length)
        : channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
