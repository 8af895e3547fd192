package org.bertworkbench.core.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** For tests that write small data files: a fresh folder per test and a one-line writer. */
abstract class TempFiles {

  @TempDir
  Path dir;

  /** Writes {@code text} (UTF-8) to {@code name} in the test's folder. */
  Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}
