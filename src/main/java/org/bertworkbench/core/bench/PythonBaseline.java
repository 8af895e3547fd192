package org.bertworkbench.core.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch baseline of {@code bench --pretrain}: runs {@code pytorch_pretrain_bench.py} (packaged
 * with the jar, from {@code src/bench/python/}) in a Python that has torch, and reads the one JSON
 * object it prints. Nothing is downloaded; without such a Python the baseline is simply unavailable.
 */
public final class PythonBaseline {

  static final String SCRIPT = "/org/bertworkbench/bench/pytorch_pretrain_bench.py";
  private static final long TIMEOUT_MINUTES = 30;

  private final String python;
  private final String torchVersion;
  private final Path script;

  private PythonBaseline(String python, String torchVersion, Path script) {
    this.python = python;
    this.torchVersion = torchVersion;
    this.script = script;
  }

  /**
   * The first of {@code preferred} (if given), {@code python3} on the PATH and {@code /usr/bin/python3}
   * that imports torch, with the script written to a temporary file; empty when there is none.
   */
  public static Optional<PythonBaseline> find(String preferred) throws IOException {
    List<String> candidates = new ArrayList<>();
    if (preferred != null && !preferred.isBlank()) {
      candidates.add(preferred);
    } else {
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    for (String candidate : candidates) {
      Optional<String> version = torchVersion(candidate);
      if (version.isPresent()) {
        return Optional.of(new PythonBaseline(candidate, version.get(), extractScript()));
      }
    }
    return Optional.empty();
  }

  public String python() {
    return python;
  }

  public String torchVersion() {
    return torchVersion;
  }

  /** Runs the script with these arguments ({@code --preset tiny --batch 32 ...}); its JSON result. */
  public JsonObject run(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(arguments);
    String[] lines = exec(command, TIMEOUT_MINUTES).strip().split("\n");
    return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
  }

  private static Optional<String> torchVersion(String python) {
    try {
      String out = exec(List.of(python, "-c", "import torch; print(torch.__version__)"), 2).strip();
      return out.isEmpty() ? Optional.empty() : Optional.of(out.lines().reduce((a, b) -> b).orElseThrow());
    } catch (IOException e) {
      return Optional.empty(); // no such program, or no torch in it
    }
  }

  /** Standard output of a successful run; a failure says its last line of standard error. */
  private static String exec(List<String> command, long timeoutMinutes) throws IOException {
    Path err = Files.createTempFile("bench-python-", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took longer than " + timeoutMinutes + " minutes");
      }
      if (p.exitValue() != 0) {
        String last = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        throw new IOException(command.get(0) + " exited with " + p.exitValue() + ": " + last);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(err);
    }
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
