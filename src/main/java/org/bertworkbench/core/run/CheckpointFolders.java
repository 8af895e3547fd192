package org.bertworkbench.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code checkpoints/step-N/} folders of a training run directory. A folder counts as complete
 * when it holds its trainer-state file, which is written last before the folder is renamed into
 * place ({@link AtomicFiles#writeFolder}).
 */
public final class CheckpointFolders {

  public static final String DIR = "checkpoints";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String TRAINER_STATE = "trainer_state.json";

  private CheckpointFolders() {}

  /** The folder of the checkpoint after {@code step} steps. */
  public static Path of(Path runDir, long step) {
    return runDir.resolve(DIR).resolve("step-" + step);
  }

  /** Completed checkpoints, by step. */
  public static List<Path> list(Path runDir) throws IOException {
    Path root = runDir.resolve(DIR);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(root)) {
      return all.filter(p -> p.getFileName().toString().matches("step-\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve(TRAINER_STATE)))
          .sorted(Comparator.comparingLong(CheckpointFolders::stepOf)).toList();
    }
  }

  /** The last completed checkpoint, or null. */
  public static Path latest(Path runDir) throws IOException {
    List<Path> all = list(runDir);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The step of a {@code step-N} folder. */
  public static long stepOf(Path checkpoint) {
    return Long.parseLong(checkpoint.getFileName().toString().substring("step-".length()));
  }
}
