package org.bertworkbench.gui.finetune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.finetune.DevEvaluation;
import org.bertworkbench.core.finetune.TrainStepMetrics;
import org.bertworkbench.gui.draw.Smoothing;
import org.bertworkbench.gui.text.Texts;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The curves of runs, every point kept: the training loss at every step, and each dev metric at
 * every evaluation. One run is shown live (its series grow in batches, one change event per series
 * per timer tick); for comparing, several runs are drawn over each other, the loss and the headline
 * dev metric of each.
 */
public final class RunCurves {

  private static final Texts T = Texts.of(RunCurves.class);

  private final XYSeriesCollection loss = new XYSeriesCollection();
  private final XYSeriesCollection dev = new XYSeriesCollection();
  private final Map<String, XYSeries> devByMetric = new LinkedHashMap<>();
  private final Map<String, XYSeries[]> overlays = new LinkedHashMap<>();
  private final Smoothing smoothed = new Smoothing(smoothedName());
  private XYSeries liveLoss;

  /** The smoothed training loss's name (in the legend, so in the window's language). */
  static String smoothedName() {
    return T.get("RunCurves.smoothed");
  }

  /** How an overlaid run's series end (drawn grey). */
  static String overlaySuffix() {
    return T.get("RunCurves.overlay");
  }

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
    liveLoss = series(T.get("RunCurves.loss"));
    loss.addSeries(liveLoss);
    smoothed.reset(smoothed.weight(), liveLoss);
    if (smoothed.weight() > 0) {
      loss.addSeries(smoothed.series());
    }
    add(steps, evaluations);
    overlays.values().forEach(this::addOverlaySeries);
  }

  /**
   * Smooths the training loss (0: off): the raw curve stays, the moving average is drawn over it.
   *
   * @param weight TensorBoard's smoothing weight in [0, 1)
   */
  public void smooth(double weight) {
    if (liveLoss == null) {
      showRun(List.of(), List.of());
    }
    boolean was = smoothed.weight() > 0;
    smoothed.reset(weight, liveLoss);
    if (weight > 0 && !was) {
      loss.addSeries(smoothed.series());
    } else if (weight <= 0 && was) {
      loss.removeSeries(smoothed.series());
    }
  }

  /** The smoothing weight (0: off). */
  public double smoothing() {
    return smoothed.weight();
  }

  /** The smoothed loss series (tests). */
  XYSeries smoothedLoss() {
    return smoothed.series();
  }

  /** Draws another run's loss and headline dev metric in grey behind the shown run (kept when the shown run changes). */
  public void overlay(String label, List<TrainStepMetrics> steps, List<DevEvaluation> evaluations) {
    XYSeries l = series(label + overlaySuffix());
    steps.forEach(t -> l.add(t.step(), t.loss(), false));
    XYSeries d = series(label + overlaySuffix());
    evaluations.forEach(e -> d.add(e.step(), e.headline(), false));
    XYSeries[] pair = {l, d};
    XYSeries[] old = overlays.put(label, pair);
    if (old != null) {
      loss.removeSeries(old[0]);
      dev.removeSeries(old[1]);
    }
    addOverlaySeries(pair);
  }

  private void addOverlaySeries(XYSeries[] pair) {
    if (loss.getSeriesIndex(pair[0].getKey()) < 0) {
      loss.addSeries(pair[0]);
    }
    if (dev.getSeriesIndex(pair[1].getKey()) < 0) {
      dev.addSeries(pair[1]);
    }
  }

  /** Removes every overlaid run. */
  public void clearOverlays() {
    for (XYSeries[] pair : overlays.values()) {
      loss.removeSeries(pair[0]);
      dev.removeSeries(pair[1]);
    }
    overlays.clear();
  }

  /** The overlaid runs' labels. */
  public List<String> overlays() {
    return List.copyOf(overlays.keySet());
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
        if (smoothed.weight() > 0) {
          smoothed.add(s.step(), s.loss());
        }
      }
      liveLoss.setNotify(true);
      if (smoothed.weight() > 0) {
        smoothed.fire();
      }
    }
    for (DevEvaluation e : evaluations) {
      for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
        XYSeries s = devByMetric.computeIfAbsent(m.getKey(), k -> {
          XYSeries fresh = series(T.format("RunCurves.dev", RunFormat.metricName(k)));
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
