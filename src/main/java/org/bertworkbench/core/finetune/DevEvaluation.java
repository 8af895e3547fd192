package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dev-set evaluation row of {@code metrics.jsonl} ({@code "kind": "dev"}).
 *
 * @param step the step after which the dev set was evaluated
 * @param epoch fractional epochs done
 * @param examples dev examples evaluated
 * @param metrics by name: {@code accuracy}, {@code macro_f1} (classification); {@code exact_match},
 *     {@code f1} (QA); {@code precision}, {@code recall}, {@code f1} (tagging); in [0, 1]
 * @param seconds wall time of the evaluation
 */
public record DevEvaluation(long step, double epoch, int examples, Map<String, Double> metrics, double seconds) {

  public static final String KIND = "dev";

  public DevEvaluation {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The metric a run is judged by: accuracy (classification) or F1 (QA, tagging). */
  public double headline() {
    Double a = metrics.get("accuracy");
    return a != null ? a : metrics.getOrDefault("f1", Double.NaN);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("step", step);
    o.addProperty("kind", KIND);
    o.addProperty("epoch", epoch);
    o.addProperty("examples", examples);
    metrics.forEach(o::addProperty);
    o.addProperty("seconds", seconds);
    return o;
  }

  /** A row of metrics.jsonl back. */
  public static DevEvaluation fromJson(JsonObject o) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String key : o.keySet()) {
      if (!key.equals("step") && !key.equals("kind") && !key.equals("epoch") && !key.equals("examples")
          && !key.equals("seconds")) {
        m.put(key, o.get(key).getAsDouble());
      }
    }
    return new DevEvaluation(o.get("step").getAsLong(), o.get("epoch").getAsDouble(), o.get("examples").getAsInt(), m,
        o.has("seconds") ? o.get("seconds").getAsDouble() : Double.NaN);
  }
}
