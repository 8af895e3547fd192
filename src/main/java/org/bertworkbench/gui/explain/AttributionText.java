package org.bertworkbench.gui.explain;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.Attribution;
import org.bertworkbench.core.explain.ExplainJson;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.core.explain.Objective;
import org.bertworkbench.gui.export.JsonData;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Texts;

/**
 * What an explanation says in words and numbers: what f is, the completeness line, and the table and
 * JSON its pictures export (the JSON in the shape of the {@code attribute} command's).
 */
final class AttributionText {

  private static final Texts T = Texts.of(AttributionText.class);

  private AttributionText() {}

  /** What f is and its value at the input and the baseline. */
  static String f(Explanation e) {
    Objective.Explained x = e.explained();
    int p = x.position();
    String at = p >= 0 && p < e.tokens().size() ? e.tokens().get(p) : "";
    return T.format("AttributionText.f", e.probability(), x.name(), p, at, x.target().spec(), e.baselineValue());
  }

  /**
   * Integrated gradients' completeness: {@code sum of attributions 1.112 = f(x) − f(x′) 0.997 + error
   * 0.115 (N = 50)}; for the other methods the sum alone and that the check is integrated gradients'.
   */
  static String completeness(Explanation e) {
    Attribution a = e.attribution();
    Attribution.Completeness c = a.completeness();
    if (c == null) {
      double sum = 0;
      for (double v : a.total()) {
        sum += v;
      }
      return T.format("AttributionText.sumOnly", sum, a.method().cliName());
    }
    return T.format("AttributionText.completeness", c.sum(), c.difference(), c.error(), a.steps());
  }

  /** The lines under the tokens: f, then the completeness line. */
  static List<String> lines(Explanation e) {
    return List.of(f(e), completeness(e));
  }

  /** One row per token: its index, text, the three parts (empty where the method has none) and the total. */
  static Table table(Explanation e) {
    Attribution a = e.attribution();
    List<List<Object>> rows = new ArrayList<>();
    for (int t = 0; t < e.tokens().size(); t++) {
      rows.add(List.of(t, e.tokens().get(t), cell(a.token(), t), cell(a.segment(), t), cell(a.position(), t),
          a.total()[t]));
    }
    return new Table(List.of("index", "token", "word", "segment", "position", "total"), rows); // i18n-ok: columns
  }

  private static Object cell(double[] v, int t) {
    return v == null ? "" : v[t];
  }

  /** As the {@code attribute --json} command writes one input. */
  static JsonElement json(Explanation e) {
    return JsonData.GSON.toJsonTree(ExplainJson.document(e.model(), e.tokens(), e.explained(), e.probability(),
        e.baselineValue(), e.attribution(), List.of()));
  }
}
