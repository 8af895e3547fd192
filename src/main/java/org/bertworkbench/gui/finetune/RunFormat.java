package org.bertworkbench.gui.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the runs panel writes numbers: metrics as percentages, durations as "3 min 20 s". */
final class RunFormat {

  private RunFormat() {}

  /** "accuracy 91.2%, macro f1 90.8%". */
  static String metrics(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    metrics.forEach((k, v) -> parts.add(k.replace('_', ' ') + " " + Drawings.percent(v)));
    return String.join(", ", parts);
  }

  /** "1 h 04 min", "3 min 20 s", "12 s", or "–" when unknown. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "–";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return s + " s";
  }
}
