package org.bertworkbench.core.finetune;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bertworkbench.core.job.Message;

/**
 * Opening a dataset file: the file-level refusals (missing, a folder, empty, binary, UTF-16, a ZIP
 * archive, not UTF-8) and a strict UTF-8 reader that drops a byte-order mark.
 */
final class DataFile {

  /** Bytes looked at for NUL bytes and magic numbers. */
  private static final int SNIFF_BYTES = 64 * 1024;

  private DataFile() {}

  /** The name used in messages (the file name, as the user sees it in a file chooser). */
  static String name(Path file) {
    Path n = file.getFileName();
    return n == null ? file.toString() : n.toString();
  }

  /** Refuses a file that cannot be a text dataset; returns its size in bytes. */
  static long check(Path file) {
    String name = name(file);
    if (!Files.exists(file)) {
      throw new DatasetException(name, Message.of(DataFile.class, "DataFile.notFound", file.toAbsolutePath()));
    }
    if (Files.isDirectory(file)) {
      throw new DatasetException(name, Message.of(DataFile.class, "DataFile.folder"));
    }
    long size;
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      head = in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      throw new DatasetException(name, unreadable(e.getMessage()));
    }
    if (size == 0) {
      throw new DatasetException(name, Message.of(DataFile.class, "DataFile.empty"));
    }
    if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
      throw new DatasetException(name, Message.of(DataFile.class, "DataFile.utf16"));
    }
    if (startsWith(head, 'P', 'K', 3, 4)) {
      throw new DatasetException(name, Message.of(DataFile.class, "DataFile.zip"));
    }
    for (byte b : head) {
      if (b == 0) {
        throw new DatasetException(name, Message.of(DataFile.class, "DataFile.binary"));
      }
    }
    return size;
  }

  /** A strict UTF-8 reader (malformed bytes throw), after {@link #check}; a BOM is skipped. */
  static BufferedReader open(Path file) {
    check(file);
    BufferedReader r = null;
    try {
      InputStream in = Files.newInputStream(file);
      r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
          1 << 16);
      r.mark(1);
      if (r.read() != '\uFEFF') {
        r.reset();
      }
      return r;
    } catch (IOException e) {
      closeQuietly(r);
      throw readError(file, 1, e);
    }
  }

  /** The refusal for an I/O error met while reading line {@code line}. */
  static DatasetException readError(Path file, long line, IOException e) {
    if (e instanceof CharacterCodingException) {
      return notUtf8(file, badUtf8Line(file, line));
    }
    return new DatasetException(name(file), line > 0
        ? Message.of(DataFile.class, "DataFile.unreadableAt", line, e.getMessage()) : unreadable(e.getMessage()));
  }

  /** "cannot be read: {@code why}" (why: the system's or a library's words). */
  static Message unreadable(String why) {
    return Message.of(DataFile.class, "DataFile.unreadable", why);
  }

  /** The refusal of a file with no line that is not blank. */
  static DatasetException blankOnly(String name) {
    return new DatasetException(name, Message.of(DataFile.class, "DataFile.blankOnly"));
  }

  private static DatasetException notUtf8(Path file, long line) {
    return new DatasetException(name(file), line > 0 ? Message.of(DataFile.class, "DataFile.notUtf8At", line)
        : Message.of(DataFile.class, "DataFile.notUtf8"));
  }

  /**
   * The line of the first byte sequence that is not UTF-8 (the decoder reads ahead in blocks, so
   * the line being read when it fails may be earlier); {@code fallback} if none is found.
   */
  static long badUtf8Line(Path file, long fallback) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      long line = 1;
      int need = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (need > 0) {
          if ((b & 0xC0) != 0x80) {
            return line;
          }
          need--;
        } else if (b == '\n') {
          line++;
        } else if (b >= 0x80) {
          need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
          if (need < 0) {
            return line;
          }
        }
      }
      return need > 0 ? line : fallback;
    } catch (IOException e) {
      return fallback;
    }
  }

  private static void closeQuietly(BufferedReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (IOException ignored) {
        // already failing with a clearer message
      }
    }
  }

  private static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    byte[] p = new byte[prefix.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) prefix[i];
    }
    return Arrays.equals(Arrays.copyOf(data, p.length), p);
  }
}
