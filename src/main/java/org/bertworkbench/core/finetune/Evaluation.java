package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores predictions against the gold answers of their examples, with the task's metrics:
 * accuracy and macro-F1 (classification), exact match and F1 (QA), entity precision, recall and F1
 * (tagging).
 */
public final class Evaluation {

  /**
   * What an evaluation found.
   *
   * @param task the task
   * @param examples examples scored
   * @param metrics the headline metrics by name, in [0, 1]
   * @param details task-specific figures (per-class scores and confusion matrix, ...); may be empty
   */
  public record Result(TaskKind task, int examples, Map<String, Double> metrics, JsonObject details) {

    public Result {
      metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** {@code {"task", "examples", ...metrics, "details"}}: what {@code evaluate --json} prints. */
    public JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("task", task.cliName());
      o.addProperty("examples", examples);
      metrics.forEach(o::addProperty);
      if (details != null && details.size() > 0) {
        o.add("details", details);
      }
      return o;
    }
  }

  private Evaluation() {}

  /** Scores {@code predicted} (one per example, same order) against {@code gold}. */
  public static Result of(TaskKind task, List<? extends Example> gold, List<Prediction> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(gold.size() + " examples but " + predicted.size() + " predictions");
    }
    // INTERIM until h-data's metrics are pulled: plain accuracies.
    int right = 0;
    for (int i = 0; i < gold.size(); i++) {
      right += PredictionJson.correct(gold.get(i), predicted.get(i)) ? 1 : 0;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(task.isClassification() ? "accuracy" : "f1", gold.isEmpty() ? 0 : (double) right / gold.size());
    return new Result(task, gold.size(), m, new JsonObject());
  }
}
