package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import com.google.gson.Gson;
import java.util.ArrayList;
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
   * @param classes classification scores with the confusion matrix, else null
   * @param entities tagging scores per entity type, else null
   */
  public record Result(TaskKind task, int examples, Map<String, Double> metrics, JsonObject details,
      ClassificationMetrics classes, EntityMetrics entities) {

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

  private static final Gson GSON = new Gson();

  private Evaluation() {}

  /** Scores {@code predicted} (one per example, same order) against {@code gold}. */
  public static Result of(TaskKind task, List<? extends Example> gold, List<Prediction> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(gold.size() + " examples but " + predicted.size() + " predictions");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    JsonObject details = new JsonObject();
    ClassificationMetrics classes = null;
    EntityMetrics entities = null;
    if (task.isClassification()) {
      List<String> goldLabels = new ArrayList<>();
      List<String> predictedLabels = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < gold.size(); i++) {
        goldLabels.add(((TextExample) gold.get(i)).label());
        ClassPrediction p = (ClassPrediction) predicted.get(i);
        predictedLabels.add(p.label());
        if (labels.isEmpty()) {
          labels.addAll(p.labels());
        }
      }
      goldLabels.stream().filter(l -> !labels.contains(l)).distinct().forEach(labels::add);
      ClassificationMetrics c = ClassificationMetrics.ofNames(labels, goldLabels, predictedLabels);
      classes = c;
      m.put("accuracy", c.accuracy());
      m.put("macro_f1", c.macroF1());
      details.add("per_class", GSON.toJsonTree(c.perClass()));
      JsonObject confusion = new JsonObject();
      confusion.add("labels", GSON.toJsonTree(c.labels()));
      confusion.add("matrix", GSON.toJsonTree(c.confusion()));
      details.add("confusion", confusion);
    } else if (task == TaskKind.QA) {
      List<String> answers = new ArrayList<>();
      List<List<String>> golds = new ArrayList<>();
      for (int i = 0; i < gold.size(); i++) {
        answers.add(((SpanPrediction) predicted.get(i)).answer());
        golds.add(((QaExample) gold.get(i)).answers().stream().map(QaAnswer::text).toList());
      }
      SquadMetrics s = SquadMetrics.of(answers, golds);
      m.put("exact_match", s.exactMatch());
      m.put("f1", s.f1());
    } else {
      List<List<String>> goldTags = new ArrayList<>();
      List<List<String>> predictedTags = new ArrayList<>();
      for (int i = 0; i < gold.size(); i++) {
        goldTags.add(((TagExample) gold.get(i)).tags());
        predictedTags.add(((TagPrediction) predicted.get(i)).tags());
      }
      EntityMetrics e = EntityMetrics.of(goldTags, predictedTags);
      entities = e;
      m.put("precision", e.precision());
      m.put("recall", e.recall());
      m.put("f1", e.f1());
      details.addProperty("token_accuracy", e.tokenAccuracy());
      details.addProperty("gold_entities", e.goldEntities());
      details.addProperty("predicted_entities", e.predictedEntities());
      details.addProperty("correct_entities", e.correctEntities());
      details.add("per_type", GSON.toJsonTree(e.perType()));
    }
    return new Result(task, gold.size(), m, details, classes, entities);
  }
}
