package org.bertworkbench.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void aFolderAppearsWholeOrNotAtAll() throws Exception {
    Path target = dir.resolve("checkpoint-10");
    try {
      AtomicFiles.writeFolder(target, tmp -> {
        Files.writeString(tmp.resolve("half"), "x");
        throw new java.io.IOException("disk full");
      });
    } catch (java.io.IOException expected) {
      assertEquals("disk full", expected.getMessage());
    }
    assertFalse(Files.exists(target));
    AtomicFiles.writeFolder(target, tmp -> Files.writeString(tmp.resolve("model"), "w"));
    assertEquals("w", Files.readString(target.resolve("model")));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "temporary folder left behind");
    }
  }
}
