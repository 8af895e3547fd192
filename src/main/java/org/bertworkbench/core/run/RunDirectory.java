package org.bertworkbench.core.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A training run's directory, whatever the run trains (pretraining, fine-tuning):
 * <pre>
 *   run.json               the run record: parameters or spec, seed, hashes, versions
 *   status.json            running / finished / stopped / failed, step, message, process id
 *   metrics.jsonl          per-step rows, cut back to the resumed checkpoint
 *   checkpoints/step-N/    Hugging Face folder + optimizer.safetensors + trainer_state.json
 *   model/                 the trained model (Hugging Face folder), written at the end
 * </pre>
 * Every file is written atomically, every folder filled under a temporary name and renamed when
 * complete, so a folder named {@code step-N} is always whole and a resume starts from the newest.
 * A run kind adds its own files (a spec, a vocabulary, predictions) and its typed record.
 */
public class RunDirectory {

  public static final String RECORD = "run.json";
  public static final String STATUS = "status.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String MODEL = "model";
  public static final String CHECKPOINTS = CheckpointFolders.DIR;
  public static final String OPTIMIZER = CheckpointFolders.OPTIMIZER;
  public static final String TRAINER_STATE = CheckpointFolders.TRAINER_STATE;

  /** How run files are written: pretty, NaN allowed, no HTML escaping. */
  public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
      .setPrettyPrinting().create();

  /** What a run is doing, as status.json says. */
  public enum State {
    RUNNING, FINISHED, STOPPED, FAILED,
    /** status.json says running but its process is gone: crashed or killed; resume it. */
    INTERRUPTED
  }

  /**
   * The run's status.
   *
   * @param state what it is doing
   * @param step the last step done
   * @param totalSteps the run's steps, or 0 before they are known
   * @param message a line for the user (the reason of a failure)
   * @param updated when it was written (ISO-8601)
   * @param pid the process that wrote it
   */
  public record Status(State state, long step, long totalSteps, String message, String updated, long pid) {}

  private final Path dir;

  public RunDirectory(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The trained model folder (present once the run finished). */
  public Path modelDir() {
    return dir.resolve(MODEL);
  }

  /** True when the directory holds a run record. */
  public boolean exists() {
    return Files.isRegularFile(file(RECORD));
  }

  /** The run record. */
  public JsonObject record() throws IOException {
    return JsonParser.parseString(Files.readString(file(RECORD), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  /** Writes the run record. */
  public void writeRecord(JsonObject record) throws IOException {
    AtomicFiles.writeString(file(RECORD), GSON.toJson(record) + "\n");
  }

  /** The status; a "running" run whose process is gone reads as {@link State#INTERRUPTED}. */
  public Status status() throws IOException {
    if (!Files.isRegularFile(file(STATUS))) {
      return new Status(State.INTERRUPTED, 0, 0, "no status written", "", -1);
    }
    Status s;
    try {
      s = GSON.fromJson(Files.readString(file(STATUS), StandardCharsets.UTF_8), Status.class);
    } catch (JsonParseException e) {
      return new Status(State.INTERRUPTED, 0, 0, "status.json is unreadable", "", -1);
    }
    if (s.state() == State.RUNNING && !ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      return new Status(State.INTERRUPTED, s.step(), s.totalSteps(), "the process ended without finishing: resume it",
          s.updated(), s.pid());
    }
    return s;
  }

  /** Writes status.json for this process, now. */
  public void writeStatus(State state, long step, long totalSteps, String message) throws IOException {
    Status s = new Status(state, step, totalSteps, message, Instant.now().toString(), ProcessHandle.current().pid());
    AtomicFiles.writeString(file(STATUS), GSON.toJson(s) + "\n");
  }

  /** Opens a JSON-lines file of the run (metrics.jsonl, ...) for appending. */
  public JsonLines append(String name) throws IOException {
    return JsonLines.append(file(name));
  }

  /** The folder of the checkpoint after {@code step} steps. */
  public Path checkpoint(long step) {
    return CheckpointFolders.of(dir, step);
  }

  /** Completed checkpoints, by step. */
  public List<Path> checkpoints() throws IOException {
    return CheckpointFolders.list(dir);
  }

  /** The last completed checkpoint (where a resume starts), or null. */
  public Path latestCheckpoint() throws IOException {
    return CheckpointFolders.latest(dir);
  }

  /** The step of a {@code step-N} folder. */
  public static long stepOf(Path checkpoint) {
    return CheckpointFolders.stepOf(checkpoint);
  }

  /**
   * Writes {@code checkpoints/step-N/}: a folder left by an earlier life of the run beyond the
   * resumed step is removed, {@code content} fills the new one (model, optimizer), trainer_state.json
   * is written last, then the folder is renamed into place.
   *
   * @return the checkpoint folder
   */
  public Path writeCheckpoint(long step, AtomicFiles.FolderContent content, JsonObject trainerState)
      throws IOException {
    Path target = checkpoint(step);
    if (Files.exists(target)) {
      AtomicFiles.deleteTree(target); // left by an earlier life of this run, beyond the resumed step
    }
    AtomicFiles.writeFolder(target, tmp -> {
      content.writeInto(tmp);
      AtomicFiles.writeString(tmp.resolve(TRAINER_STATE), trainerState + "\n");
    });
    return target;
  }

  /** Writes {@code model/} anew (a folder from an earlier life is replaced). */
  public void writeModel(AtomicFiles.FolderContent content) throws IOException {
    AtomicFiles.deleteTree(modelDir());
    AtomicFiles.writeFolder(modelDir(), content);
  }

  /** Cuts metrics.jsonl and the given other JSON-lines files back to {@code step}: rows after it are done again. */
  public void truncateTo(long step, String... otherRows) throws IOException {
    JsonLines.truncateToStep(file(METRICS), step);
    for (String name : otherRows) {
      JsonLines.truncateToStep(file(name), step);
    }
  }
}
