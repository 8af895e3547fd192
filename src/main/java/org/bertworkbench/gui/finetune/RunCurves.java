package org.bertworkbench.gui.finetune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.finetune.DevEvaluation;
import org.bertworkbench.core.finetune.TrainStepMetrics;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The curves of runs, every point kept: the training loss at every step, and each dev metric at
 * every evaluation. One run is shown live (its series grow in batches, one change event per series
 * per timer tick); for comparing, several runs are drawn over each other, the loss and the headline
 * dev metric of each.
 */
public final class RunCurves {

  private final XYSeriesCollection loss = new XYSeriesCollection();
  private final XYSeriesCollection dev = new XYSeriesCollection();
  private final Map<String, XYSeries> devByMetric = new LinkedHashMap<>();
  private XYSeries liveLoss;

  /** Training loss by step. */
  public XYSeriesCollection loss() {
    return loss;
  }

  /** Dev metrics by step. */
  public XYSeriesCollection dev() {
    return dev;
  }

  static XYSeries series(String key) {
    // Not sorted (steps arrive in order), duplicates allowed, no maximum: every point kept.
    XYSeries s = new XYSeries(key, false, true);
    s.setMaximumItemCount(Integer.MAX_VALUE);
    return s;
  }

  /** Shows one run: its loss and every dev metric, from the rows given (a run read from disk, or the start of a live one). */
  public void showRun(List<TrainStepMetrics> steps, List<DevEvaluation> evaluations) {
    loss.removeAllSeries();
    dev.removeAllSeries();
    devByMetric.clear();
    liveLoss = series("training loss");
    loss.addSeries(liveLoss);
    add(steps, evaluations);
  }

  /** Adds a live run's new rows: one change event per series. */
  public void add(List<TrainStepMetrics> steps, List<DevEvaluation> evaluations) {
    if (liveLoss == null) {
      showRun(List.of(), List.of());
    }
    if (!steps.isEmpty()) {
      liveLoss.setNotify(false);
      for (TrainStepMetrics s : steps) {
        liveLoss.add(s.step(), s.loss(), false);
      }
      liveLoss.setNotify(true);
    }
    for (DevEvaluation e : evaluations) {
      for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
        XYSeries s = devByMetric.computeIfAbsent(m.getKey(), k -> {
          XYSeries fresh = series("dev " + k.replace('_', ' '));
          dev.addSeries(fresh);
          return fresh;
        });
        s.add(e.step(), m.getValue());
      }
    }
  }

  /**
   * Draws several runs over each other: each run's training loss, and its headline dev metric
   * (accuracy for classification, F1 for QA and tagging).
   *
   * @param runs by label (the run's folder name), each with its rows
   */
  public void compare(Map<String, List<TrainStepMetrics>> stepsByRun, Map<String, List<DevEvaluation>> evaluationsByRun) {
    loss.removeAllSeries();
    dev.removeAllSeries();
    devByMetric.clear();
    liveLoss = null;
    stepsByRun.forEach((label, steps) -> {
      XYSeries s = series(label);
      steps.forEach(t -> s.add(t.step(), t.loss(), false));
      loss.addSeries(s);
    });
    evaluationsByRun.forEach((label, evaluations) -> {
      XYSeries s = series(label);
      evaluations.forEach(e -> s.add(e.step(), e.headline(), false));
      dev.addSeries(s);
    });
  }

  /** Points in the live loss series (tests: one per step). */
  public int lossPoints() {
    return liveLoss == null ? 0 : liveLoss.getItemCount();
  }

  /** The live loss series, or null while comparing. */
  public XYSeries liveLoss() {
    return liveLoss;
  }
}
