package org.bertworkbench.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a Python with torch, and running a script with standard input in and out. */
class TorchPythonTest {

  @TempDir
  Path dir;

  @Test
  void aProgramThatIsNotThereOrHasNoTorchIsNotFound() {
    assertTrue(TorchPython.find(dir.resolve("no-such-python").toString()).isEmpty());
    assertTrue(TorchPython.find("/bin/true").isEmpty(), "prints no torch version");
  }

  @Test
  void aScriptReadsStandardInputAndAFailureSaysItsLastErrorLine() throws IOException {
    Optional<TorchPython> found = TorchPython.find(null);
    assumeTrue(found.isPresent(), "no python3 with torch (Debian: apt-get install python3-torch)");
    TorchPython python = found.get();
    assertTrue(python.torchVersion().matches("\\d+\\.\\d+.*"), python.torchVersion());
    Path script = Files.writeString(dir.resolve("echo.py"), """
        import sys
        text = sys.stdin.read()
        if sys.argv[1] == "fail":
            sys.exit("no good: " + str(len(text)))
        print(sys.argv[1], len(text))
        """);
    String big = "x".repeat(1 << 20); // larger than a pipe's buffer
    assertEquals("ok 1048576", python.run(script, List.of("ok"), big, 1).strip());
    IOException e = assertThrows(IOException.class, () -> python.run(script, List.of("fail"), "abc", 1));
    assertTrue(e.getMessage().endsWith("exited with 1: no good: 3"), e.getMessage());
  }
}
