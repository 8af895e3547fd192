package org.bertworkbench.core.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the workbench offers no bfloat16: under DJL 0.33 the first bfloat16 array aborts the whole
 * process (its native layer's type switch ends in a bare {@code throw;}, so C++ calls
 * std::terminate). The cast runs in a child JVM; when a DJL upgrade makes it work, this test fails
 * and says so: then bfloat16 can be offered (see docs/decisions/0010-inference-speed-what-helped.md).
 */
class Bfloat16UnavailableTest {

  @Test
  void aBfloat16ArrayAbortsTheProcessUnderThisDjl(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("child.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Bfloat16Probe.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(out.contains("float32 array made"), "the engine started: " + out);
    assertFalse(out.contains("bfloat16 array made"),
        "bfloat16 works now (a DJL upgrade?): offer it and drop this test. " + out);
    assertNotEquals(0, p.exitValue(), out);
    assertTrue(out.contains("terminate called"), "aborted by std::terminate: " + out);
  }
}
