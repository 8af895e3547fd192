package org.bertworkbench.core.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The PyTorch baseline of {@code bench --pretrain}: runs {@code pytorch_pretrain_bench.py} (packaged
 * with the jar, from {@code src/bench/python/}) in a Python that has torch, and reads the one JSON
 * object it prints. Nothing is downloaded; without such a Python the baseline is simply unavailable.
 */
public final class PythonBaseline {

  static final String SCRIPT = "/org/bertworkbench/bench/pytorch_pretrain_bench.py";
  private static final long TIMEOUT_MINUTES = 30;

  private final TorchPython python;
  private final Path script;

  private PythonBaseline(TorchPython python, Path script) {
    this.python = python;
    this.script = script;
  }

  /**
   * The first of {@code preferred} (if given), {@code python3} on the PATH and {@code /usr/bin/python3}
   * that imports torch ({@link TorchPython#find}), with the script written to a temporary file; empty
   * when there is none.
   */
  public static Optional<PythonBaseline> find(String preferred) throws IOException {
    Optional<TorchPython> python = TorchPython.find(preferred);
    return python.isEmpty() ? Optional.empty() : Optional.of(new PythonBaseline(python.get(), extractScript()));
  }

  public String python() {
    return python.python();
  }

  public String torchVersion() {
    return python.torchVersion();
  }

  /** Runs the script with these arguments ({@code --preset tiny --batch 32 ...}); its JSON result. */
  public JsonObject run(List<String> arguments) throws IOException {
    String[] lines = python.run(script, arguments, null, TIMEOUT_MINUTES).strip().split("\n");
    return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
  }

  private static Path extractScript() throws IOException {
    try (InputStream in = PythonBaseline.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException(SCRIPT + " is not on the class path (build with mvn package)");
      }
      Path file = Files.createTempFile("pytorch_pretrain_bench-", ".py");
      file.toFile().deleteOnExit();
      Files.write(file, in.readAllBytes());
      return file;
    }
  }
}
