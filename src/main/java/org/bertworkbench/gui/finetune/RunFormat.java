package org.bertworkbench.gui.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;

/** How the runs panel writes numbers: metrics as percentages, durations as "3 min 20 s". */
final class RunFormat {

  private static final Texts T = Texts.of(RunFormat.class);

  private RunFormat() {}

  /** "accuracy 91.2%, macro f1 90.8%". */
  static String metrics(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    metrics.forEach((k, v) -> parts.add(T.format("RunFormat.metric", metricName(k), Drawings.percent(v))));
    return list(parts);
  }

  /**
   * A metric's name as people read it: "accuracy", "macro f1" ("正解率", "マクロF1"); a metric with
   * no text in the bundle by its key with spaces for underscores.
   */
  static String metricName(String key) {
    String k = "RunFormat.metric." + key;
    return T.has(k) ? T.get(k) : key.replace('_', ' ');
  }

  /** Items of a list, joined as the window's language joins them ("a, b", "a、b"). */
  static String list(List<String> parts) {
    return String.join(Language.current() == Language.JA ? "、" : ", ", parts);
  }

  /** "1 h 04 min", "3 min 20 s", "12 s", or "–" when unknown. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "–";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return T.format("RunFormat.hours", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return T.format("RunFormat.minutes", s / 60, s % 60);
    }
    return T.format("RunFormat.seconds", s);
  }
}
