package org.bertworkbench.core.pretrain;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.run.CheckpointFolders;
import org.bertworkbench.core.run.JsonLines;

/**
 * The layout of a pretraining run directory:
 * <pre>
 *   run.json               the run record: parameters, seed, hashes, versions
 *   vocab.txt              the vocabulary used
 *   metrics.jsonl          one row per step
 *   batches.jsonl          the instances of the first --dump-batches steps
 *   checkpoints/step-N/    Hugging Face folder + optimizer.safetensors + trainer_state.json
 * </pre>
 * Every file is written atomically; a checkpoint folder is filled under a temporary name and
 * renamed when complete, so a folder named {@code step-N} is always whole.
 */
public final class PretrainRun {

  public static final String RECORD = "run.json";
  public static final String VOCAB = "vocab.txt";
  public static final String METRICS = "metrics.jsonl";
  public static final String BATCHES = "batches.jsonl";
  public static final String CHECKPOINTS = CheckpointFolders.DIR;
  public static final String OPTIMIZER = CheckpointFolders.OPTIMIZER;
  public static final String TRAINER_STATE = CheckpointFolders.TRAINER_STATE;

  static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
      .setPrettyPrinting().create();

  private final Path dir;

  public PretrainRun(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** True when the directory holds a run record. */
  public boolean exists() {
    return Files.isRegularFile(file(RECORD));
  }

  /** The run record. */
  public JsonObject record() throws IOException {
    return JsonParser.parseString(Files.readString(file(RECORD), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  /** The parameters stored in the run record. */
  public PretrainParams params() throws IOException {
    return GSON.fromJson(record().get("params"), PretrainParams.class);
  }

  void writeRecord(JsonObject record) throws IOException {
    AtomicFiles.writeString(file(RECORD), GSON.toJson(record) + "\n");
  }

  /** The folder of the checkpoint after {@code step} steps. */
  public Path checkpoint(long step) {
    return CheckpointFolders.of(dir, step);
  }

  /** Completed checkpoints, by step. */
  public List<Path> checkpoints() throws IOException {
    return CheckpointFolders.list(dir);
  }

  /** The last completed checkpoint, or null. */
  public Path latestCheckpoint() throws IOException {
    return CheckpointFolders.latest(dir);
  }

  /** The step of a {@code step-N} folder. */
  public static long stepOf(Path checkpoint) {
    return CheckpointFolders.stepOf(checkpoint);
  }

  /** Cuts metrics.jsonl and batches.jsonl back to {@code step}: rows after it are done again. */
  void truncateTo(long step) throws IOException {
    JsonLines.truncateToStep(file(METRICS), step);
    JsonLines.truncateToStep(file(BATCHES), step);
  }
}
