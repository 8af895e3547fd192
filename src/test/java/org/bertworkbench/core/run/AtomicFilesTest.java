package org.bertworkbench.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path dir;

  @Test
  void savedFilesAreReadableByOthersAndLeaveNoTemporaryBehind() throws Exception {
    Path file = dir.resolve("config.json");
    AtomicFiles.writeString(file, "{\"a\": 1}");
    AtomicFiles.writeString(file, "{\"a\": 2}");
    assertEquals("{\"a\": 2}", Files.readString(file));
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    assertTrue(perms.contains(PosixFilePermission.OTHERS_READ), perms.toString());
    assertTrue(perms.contains(PosixFilePermission.GROUP_READ), perms.toString());
    assertFalse(perms.contains(PosixFilePermission.OTHERS_WRITE), perms.toString());
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "temporary files left behind");
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileIntact() throws Exception {
    Path file = dir.resolve("run.json");
    AtomicFiles.writeString(file, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
      AtomicFiles.writeFully(ch, ByteBuffer.wrap("new, half wr".getBytes(StandardCharsets.UTF_8)));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "temporary file left behind");
    }
  }

  @Test
  void aFolderAppearsWholeOrNotAtAll() throws Exception {
    Path target = dir.resolve("checkpoint-10");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, tmp -> {
      Files.writeString(tmp.resolve("half"), "x");
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertFalse(Files.exists(target));
    try (var listing = Files.list(dir)) {
      assertEquals(0, listing.count(), "temporary folder left behind");
    }
    AtomicFiles.writeFolder(target, tmp -> Files.writeString(tmp.resolve("model"), "w"));
    assertEquals("w", Files.readString(target.resolve("model")));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "temporary folder left behind");
    }
  }
}
