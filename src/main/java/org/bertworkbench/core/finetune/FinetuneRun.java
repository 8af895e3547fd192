package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bertworkbench.core.run.JsonLines;
import org.bertworkbench.core.run.RunDirectory;

/**
 * A fine-tuning run directory: a {@link RunDirectory} (run.json with the spec, data hashes and
 * reports, labels, head, devices, versions; status.json; metrics.jsonl with one "train" row per
 * step and one "dev" row per evaluation; checkpoints/step-N/; model/) plus
 * <pre>
 *   spec.json              the run specification (what the wizard wrote / --spec read)
 *   dev-predictions.jsonl  the final model's prediction for every dev example, with the gold answer
 * </pre>
 */
public final class FinetuneRun extends RunDirectory {

  public static final String SPEC = "spec.json";
  public static final String DEV_PREDICTIONS = "dev-predictions.jsonl";

  /**
   * One run for a runs panel.
   *
   * @param dir the run directory
   * @param spec its specification
   * @param status its status
   * @param lastEvaluation its newest dev evaluation, or null
   * @param bestEvaluation its dev evaluation with the best headline (accuracy or F1), or null
   * @param hasModel whether {@code model/} is there
   */
  public record Summary(Path dir, FinetuneSpec spec, Status status, DevEvaluation lastEvaluation,
      DevEvaluation bestEvaluation, boolean hasModel) {}

  /**
   * metrics.jsonl read back.
   *
   * @param steps the training rows, by step
   * @param evaluations the dev rows, by step
   */
  public record Metrics(List<TrainStepMetrics> steps, List<DevEvaluation> evaluations) {}

  public FinetuneRun(Path dir) {
    super(dir);
  }

  /** True when the directory holds a run (its spec.json). */
  @Override
  public boolean exists() {
    return Files.isRegularFile(file(SPEC));
  }

  /** The run's specification. */
  public FinetuneSpec spec() throws IOException {
    return FinetuneSpec.load(file(SPEC));
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
    DevEvaluation best = evaluations.stream().filter(e -> !Double.isNaN(e.headline())).max(Comparator.comparingDouble(DevEvaluation::headline)).orElse(null);
    return new Summary(dir, run.spec(), run.status(), evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1),
        best, Files.isRegularFile(run.modelDir().resolve("config.json")));
  }
}
