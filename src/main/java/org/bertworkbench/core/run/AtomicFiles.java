package org.bertworkbench.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes that a crash cannot leave half done: a file is written under a temporary name in the same
 * folder, forced to disk, then renamed into place; a folder is filled under a temporary name, then
 * renamed. A reader sees the old content or the new, never a mixture.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Files we write are readable by others, as any file a program saves (temp files start 0600). */
  private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

  /** Writes the content of one file to an open channel. */
  @FunctionalInterface
  public interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  /** Writes a file's content atomically: temporary sibling, forced to disk, renamed into place. */
  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(ch);
        ch.force(true);
      }
      try {
        Files.setPosixFilePermissions(tmp, SHARED);
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's ACL applies.
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes text (UTF-8) to {@code target} atomically. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, ch -> writeFully(ch, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
  }

  /** Writes all of {@code b} (a channel may take it in parts). */
  public static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Folder contents written by a caller, then published by one rename. */
  @FunctionalInterface
  public interface FolderContent {
    void writeInto(Path dir) throws IOException;
  }

  /**
   * Fills a temporary sibling folder ({@code .NAME.tmp}), then renames it to {@code target}. A
   * leftover temporary folder from a crash is removed first; {@code target} must not exist.
   */
  public static void writeFolder(Path target, FolderContent content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    try {
      content.writeInto(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteTree(tmp);
    }
  }

  /** Deletes a file or a folder with everything in it; nothing if it does not exist. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
