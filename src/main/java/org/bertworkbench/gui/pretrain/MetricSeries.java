package org.bertworkbench.gui.pretrain;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.core.pretrain.StepMetrics;
import org.bertworkbench.core.run.JsonLines;
import org.bertworkbench.gui.text.Texts;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The six live curves of a run, every point kept (no maximum item count), plus earlier runs read
 * from their metrics.jsonl as grey overlays. One {@link XYSeriesCollection} per metric: the live
 * series first, overlays after it. Points arrive in batches ({@link #add}) with notification off and
 * one change event per series at the end, so a chart redraws once per timer tick, not per step.
 */
public final class MetricSeries {

  private static final Texts T = Texts.of(MetricSeries.class);

  /** One chart: the metrics.jsonl key (which also names its title in the bundle) and how to read it from a step. */
  public enum Metric {
    MLM_LOSS("mlm_loss", StepMetrics::mlmLoss),
    NSP_LOSS("nsp_loss", StepMetrics::nspLoss),
    MLM_ACCURACY("mlm_accuracy", StepMetrics::mlmAccuracy),
    NSP_ACCURACY("nsp_accuracy", StepMetrics::nspAccuracy),
    LEARNING_RATE("learning_rate", StepMetrics::learningRate),
    TOKENS_PER_SECOND("tokens_per_second", StepMetrics::tokensPerSecond);

    public final String key;
    final ToDoubleFunction<StepMetrics> value;

    Metric(String key, ToDoubleFunction<StepMetrics> value) {
      this.key = key;
      this.value = value;
    }

    /** The chart's title in the window's language ("MLM loss"). */
    public String title() {
      String titleKey = "MetricSeries.metric." + key;
      return T.get(titleKey);
    }
  }

  private final XYSeriesCollection[] collections = new XYSeriesCollection[Metric.values().length];
  private final XYSeries[] live = new XYSeries[Metric.values().length];
  private final List<String> overlays = new ArrayList<>();

  public MetricSeries() {
    for (Metric m : Metric.values()) {
      collections[m.ordinal()] = new XYSeriesCollection();
      live[m.ordinal()] = newSeries(T.get("MetricSeries.thisRun"));
      collections[m.ordinal()].addSeries(live[m.ordinal()]);
    }
  }

  private static XYSeries newSeries(String key) {
    // Not sorted (points come in step order), duplicates allowed, no maximum: every point kept.
    XYSeries s = new XYSeries(key, false, true);
    s.setMaximumItemCount(Integer.MAX_VALUE);
    return s;
  }

  public XYSeriesCollection dataset(Metric m) {
    return collections[m.ordinal()];
  }

  /** The live series of this metric. */
  public XYSeries live(Metric m) {
    return live[m.ordinal()];
  }

  /** Adds a tick's steps to every live series: one change event per series. */
  public void add(List<StepMetrics> steps) {
    if (steps.isEmpty()) {
      return;
    }
    for (Metric m : Metric.values()) {
      XYSeries s = live[m.ordinal()];
      s.setNotify(false);
      for (StepMetrics step : steps) {
        s.add(step.step(), m.value.applyAsDouble(step), false);
      }
      s.setNotify(true); // fires one SeriesChangeEvent
    }
  }

  /** Empties the live series (a new run) and fills it with {@code steps} (a resumed run's history). */
  public void resetLive(List<StepMetrics> steps) {
    for (Metric m : Metric.values()) {
      XYSeries s = live[m.ordinal()];
      s.setNotify(false);
      s.clear();
      for (StepMetrics step : steps) {
        s.add(step.step(), m.value.applyAsDouble(step), false);
      }
      s.setNotify(true);
    }
  }

  /** Earlier runs shown, by label. */
  public List<String> overlays() {
    return List.copyOf(overlays);
  }

  /** Adds an earlier run's curves, read from its metrics.jsonl; returns how many steps it had. */
  public int addOverlay(Path runDir) throws IOException {
    List<StepMetrics> rows = readMetrics(runDir);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(T.format("MetricSeries.noMetrics", runDir, PretrainRun.METRICS));
    }
    String label = T.format("MetricSeries.earlier", runDir.getFileName());
    if (overlays.contains(label)) {
      label = T.format("MetricSeries.earlier", runDir);
    }
    overlays.add(label);
    for (Metric m : Metric.values()) {
      XYSeries s = newSeries(label);
      for (StepMetrics step : rows) {
        s.add(step.step(), m.value.applyAsDouble(step), false);
      }
      collections[m.ordinal()].addSeries(s);
    }
    return rows.size();
  }

  /** Removes every overlay. */
  public void clearOverlays() {
    overlays.clear();
    for (XYSeriesCollection c : collections) {
      while (c.getSeriesCount() > 1) {
        c.removeSeries(c.getSeriesCount() - 1);
      }
    }
  }

  /** The rows of a run's metrics.jsonl (empty when there is none). */
  public static List<StepMetrics> readMetrics(Path runDir) throws IOException {
    Path file = runDir.resolve(PretrainRun.METRICS);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return List.of();
    }
    List<StepMetrics> out = new ArrayList<>();
    for (JsonObject o : JsonLines.read(file)) {
      out.add(new StepMetrics(o.get("step").getAsLong(), num(o, "loss"), num(o, "mlm_loss"),
          num(o, "nsp_loss"), num(o, "mlm_accuracy"), num(o, "nsp_accuracy"), num(o, "learning_rate"),
          num(o, "tokens_per_second")));
    }
    return out;
  }

  private static double num(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN;
  }
}
