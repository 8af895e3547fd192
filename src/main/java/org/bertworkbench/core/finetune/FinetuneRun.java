package org.bertworkbench.core.finetune;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.run.CheckpointFolders;
import org.bertworkbench.core.run.JsonLines;

/**
 * The layout of a fine-tuning run directory:
 * <pre>
 *   spec.json              the run specification (what the wizard wrote / --spec read)
 *   run.json               the record: spec, data hashes and reports, labels, head, devices, versions
 *   status.json            running / finished / stopped / failed, step, message, process id
 *   metrics.jsonl          one "train" row per step and one "dev" row per evaluation
 *   checkpoints/step-N/    Hugging Face folder + optimizer.safetensors + trainer_state.json
 *   model/                 the fine-tuned model (Hugging Face folder), written at the end
 *   dev-predictions.jsonl  the final model's prediction for every dev example, with the gold answer
 * </pre>
 * Every file is written atomically, every folder renamed into place when complete.
 */
public final class FinetuneRun {

  public static final String SPEC = "spec.json";
  public static final String RECORD = "run.json";
  public static final String STATUS = "status.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String MODEL = "model";
  public static final String DEV_PREDICTIONS = "dev-predictions.jsonl";

  static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
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

  /**
   * One run for a runs panel.
   *
   * @param dir the run directory
   * @param spec its specification
   * @param status its status
   * @param lastEvaluation its newest dev evaluation, or null
   * @param hasModel whether {@code model/} is there
   */
  public record Summary(Path dir, FinetuneSpec spec, Status status, DevEvaluation lastEvaluation, boolean hasModel) {}

  /**
   * metrics.jsonl read back.
   *
   * @param steps the training rows, by step
   * @param evaluations the dev rows, by step
   */
  public record Metrics(List<TrainStepMetrics> steps, List<DevEvaluation> evaluations) {}

  private final Path dir;

  public FinetuneRun(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The fine-tuned model folder (present once the run finished). */
  public Path modelDir() {
    return dir.resolve(MODEL);
  }

  /** True when the directory holds a run (its spec.json). */
  public boolean exists() {
    return Files.isRegularFile(file(SPEC));
  }

  /** The run's specification. */
  public FinetuneSpec spec() throws IOException {
    return FinetuneSpec.load(file(SPEC));
  }

  /** The run record. */
  public JsonObject record() throws IOException {
    return JsonParser.parseString(Files.readString(file(RECORD), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  void writeRecord(JsonObject record) throws IOException {
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
    if (s.state() == State.RUNNING && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
      return new Status(State.INTERRUPTED, s.step(), s.totalSteps(), "the process ended without finishing: resume it",
          s.updated(), s.pid());
    }
    return s;
  }

  void writeStatus(State state, long step, long totalSteps, String message) throws IOException {
    Status s = new Status(state, step, totalSteps, message, Instant.now().toString(), ProcessHandle.current().pid());
    AtomicFiles.writeString(file(STATUS), GSON.toJson(s) + "\n");
  }

  /** The training and dev rows of metrics.jsonl. */
  public Metrics metrics() throws IOException {
    List<TrainStepMetrics> steps = new ArrayList<>();
    List<DevEvaluation> evaluations = new ArrayList<>();
    for (JsonObject row : JsonLines.read(file(METRICS))) {
      String kind = row.has("kind") ? row.get("kind").getAsString() : "";
      if (kind.equals(TrainStepMetrics.KIND)) {
        steps.add(TrainStepMetrics.fromJson(row));
      } else if (kind.equals(DevEvaluation.KIND)) {
        evaluations.add(DevEvaluation.fromJson(row));
      }
    }
    return new Metrics(steps, evaluations);
  }

  /** The folder of the checkpoint after {@code step} steps. */
  public Path checkpoint(long step) {
    return CheckpointFolders.of(dir, step);
  }

  /** The last completed checkpoint, or null. */
  public Path latestCheckpoint() throws IOException {
    return CheckpointFolders.latest(dir);
  }

  /** Completed checkpoints, by step. */
  public List<Path> checkpoints() throws IOException {
    return CheckpointFolders.list(dir);
  }

  /** Cuts metrics.jsonl back to {@code step}: rows after it are done again. */
  void truncateTo(long step) throws IOException {
    JsonLines.truncateToStep(file(METRICS), step);
  }

  /** Every run directly under {@code root} (folders holding a spec.json), newest first; unreadable ones skipped. */
  public static List<Summary> list(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> all = Files.list(root)) {
      dirs = all.filter(p -> Files.isRegularFile(p.resolve(SPEC))).toList();
    }
    List<Summary> out = new ArrayList<>();
    for (Path d : dirs) {
      try {
        out.add(summary(d));
      } catch (IOException | IllegalArgumentException e) {
        // a half-written or foreign folder: not a run we can show
      }
    }
    out.sort(Comparator.comparing((Summary s) -> s.status().updated()).reversed());
    return out;
  }

  /** The summary of one run directory. */
  public static Summary summary(Path dir) throws IOException {
    FinetuneRun run = new FinetuneRun(dir);
    List<DevEvaluation> evaluations = run.metrics().evaluations();
    return new Summary(dir, run.spec(), run.status(), evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1),
        Files.isRegularFile(run.modelDir().resolve("config.json")));
  }
}
