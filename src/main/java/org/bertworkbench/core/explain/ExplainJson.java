package org.bertworkbench.core.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input's explanation as the {@code attribute --json} command writes it, a tree of maps, lists
 * and arrays any JSON writer takes: the command line prints it, the window's pictures export it.
 */
public final class ExplainJson {

  private ExplainJson() {}

  /**
   * {@code {"model", "method", "tokens", "target", "attributions", "steps", "completeness",
   * "deletion"}}.
   *
   * @param at the attribution, or null for a document of deletion curves alone (no method, no parts)
   * @param curves deletion curves (the random mean under "random"); empty for none
   */
  public static Map<String, Object> document(String model, List<String> tokens, Objective.Explained x, double f,
      double fBaseline, Attribution at, List<Faithfulness.Curve> curves) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model);
    if (at != null) {
      doc.put("method", at.method().cliName());
    }
    doc.put("tokens", tokens);
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("spec", x.target().spec());
    target.put("position", x.position());
    target.put("token", x.name());
    target.put("id", x.id());
    target.put("probability", f);
    target.put("baseline_value", fBaseline);
    doc.put("target", target);
    if (at != null) {
      Map<String, Object> parts = new LinkedHashMap<>();
      parts.put("token", at.token());
      parts.put("segment", at.segment());
      parts.put("position", at.position());
      parts.put("total", at.total());
      doc.put("attributions", parts);
      if (at.completeness() != null) {
        doc.put("steps", at.steps());
        doc.put("completeness", at.completeness());
      }
    }
    if (!curves.isEmpty()) {
      Map<String, Object> deletion = new LinkedHashMap<>();
      for (Faithfulness.Curve c : curves) {
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("order", c.order());
        curve.put("points", c.points());
        curve.put("area", c.area());
        deletion.put(c.method() == null ? "random" : c.method().cliName(), curve);
      }
      doc.put("deletion", deletion);
    }
    return doc;
  }
}
