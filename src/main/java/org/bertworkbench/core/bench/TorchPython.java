package org.bertworkbench.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter that imports torch, found on this machine (nothing is downloaded), and the
 * way to run a script in it: the PyTorch baseline of {@code bench --pretrain} ({@link PythonBaseline})
 * and the transformers-compatibility check of saved models ({@code src/test/python/hf_bert_check.py}).
 */
public final class TorchPython {

  private final String python;
  private final String torchVersion;

  private TorchPython(String python, String torchVersion) {
    this.python = python;
    this.torchVersion = torchVersion;
  }

  /**
   * The first of {@code preferred} (if given), {@code python3} on the PATH and {@code /usr/bin/python3}
   * that imports torch; empty when there is none.
   */
  public static Optional<TorchPython> find(String preferred) {
    List<String> candidates = new ArrayList<>();
    if (preferred != null && !preferred.isBlank()) {
      candidates.add(preferred);
    } else {
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    for (String candidate : candidates) {
      try {
        String out = exec(List.of(candidate, "-c", "import torch; print(torch.__version__)"), null, 2).strip();
        if (!out.isEmpty()) {
          return Optional.of(new TorchPython(candidate, out.lines().reduce((a, b) -> b).orElseThrow()));
        }
      } catch (IOException e) {
        // no such program, or no torch in it: try the next
      }
    }
    return Optional.empty();
  }

  /** The interpreter's command (a name on the PATH or a path). */
  public String python() {
    return python;
  }

  public String torchVersion() {
    return torchVersion;
  }

  /**
   * Runs {@code script} with {@code arguments}, {@code stdin} (may be null) on its standard input;
   * its standard output. A non-zero exit throws, saying the last line of standard error.
   */
  public String run(Path script, List<String> arguments, String stdin, long timeoutMinutes) throws IOException {
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(arguments);
    return exec(command, stdin, timeoutMinutes);
  }

  private static String exec(List<String> command, String stdin, long timeoutMinutes) throws IOException {
    Path err = Files.createTempFile("torch-python-", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      // Standard input is written on its own thread: a large input and a large output must not block each other.
      CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
        try (OutputStream in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // the process exited before reading all of it: its exit status says why
        }
      });
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took longer than " + timeoutMinutes + " minutes");
      }
      feed.get();
      if (p.exitValue() != 0) {
        String last = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        throw new IOException(command.get(0) + " exited with " + p.exitValue() + ": " + last);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("could not feed " + command.get(0), e.getCause());
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
