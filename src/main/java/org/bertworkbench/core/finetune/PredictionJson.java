package org.bertworkbench.core.finetune;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Predictions as JSON objects: what {@code predict --json} prints and what
 * {@code dev-predictions.jsonl} holds (with the gold answer, for a predictions browser that shows
 * errors first).
 */
public final class PredictionJson {

  private PredictionJson() {}

  /** A prediction; with its example's gold answer and whether it was right when {@code gold} has one. */
  public static JsonObject of(Example gold, Prediction p) {
    JsonObject o = new JsonObject();
    if (gold != null) {
      o.addProperty("line", gold.line());
    }
    if (p instanceof ClassPrediction c) {
      o.addProperty("label", c.label());
      o.addProperty("confidence", c.confidence());
      JsonObject probs = new JsonObject();
      for (int i = 0; i < c.labels().size(); i++) {
        probs.addProperty(c.labels().get(i), c.probabilities()[i]);
      }
      o.add("probabilities", probs);
      if (gold instanceof TextExample t && t.label() != null) {
        o.addProperty("gold", t.label());
      }
    } else if (p instanceof SpanPrediction s) {
      o.addProperty("answer", s.answer());
      o.addProperty("start", s.start());
      o.addProperty("end", s.end());
      o.addProperty("score", s.score());
      if (gold instanceof QaExample q && !q.answers().isEmpty()) {
        o.addProperty("id", q.id());
        JsonArray answers = new JsonArray();
        q.answers().forEach(a -> answers.add(a.text()));
        o.add("gold", answers);
      }
    } else if (p instanceof TagPrediction t) {
      o.add("tokens", strings(t.words()));
      o.add("tags", strings(t.tags()));
      if (gold instanceof TagExample g && !g.tags().isEmpty()) {
        o.add("gold", strings(g.tags()));
      }
    }
    if (gold != null && hasGold(gold)) {
      o.addProperty("correct", correct(gold, p));
    }
    return o;
  }

  /** Whether the example carries a gold answer. */
  static boolean hasGold(Example e) {
    if (e instanceof TextExample t) {
      return t.label() != null;
    }
    if (e instanceof TagExample t) {
      return !t.tags().isEmpty();
    }
    return !((QaExample) e).answers().isEmpty();
  }

  /** Right label; every tag right; or the answer equal to a gold one after SQuAD's normalisation. */
  public static boolean correct(Example gold, Prediction p) {
    if (gold instanceof TextExample t && p instanceof ClassPrediction c) {
      return c.label().equals(t.label());
    }
    if (gold instanceof TagExample t && p instanceof TagPrediction tp) {
      return tp.tags().equals(t.tags());
    }
    if (gold instanceof QaExample q && p instanceof SpanPrediction s) {
      return SquadMetrics.maxExactMatch(s.answer(), q.answers().stream().map(QaAnswer::text).toList()) == 1;
    }
    return false;
  }

  private static JsonArray strings(java.util.List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
