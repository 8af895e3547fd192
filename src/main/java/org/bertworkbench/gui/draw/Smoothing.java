package org.bertworkbench.gui.draw;

import org.jfree.data.xy.XYSeries;

/**
 * A curve's exponential moving average, as TensorBoard's smoothing slider draws it: each point is
 * {@code last = w * last + (1 - w) * y}, divided by {@code 1 - w^n} so that the first points are
 * not pulled towards zero. Points are added as they come; a new weight starts again from the raw
 * points.
 */
public final class Smoothing {

  private final XYSeries out;
  private double weight;
  private double last;
  private int count;

  /** @param key the smoothed series' name */
  public Smoothing(String key) {
    out = new XYSeries(key, false, true);
    out.setMaximumItemCount(Integer.MAX_VALUE);
  }

  /** The smoothed series (it grows with {@link #add}). */
  public XYSeries series() {
    return out;
  }

  public double weight() {
    return weight;
  }

  /** Starts again with this weight in [0, 1) over the raw points. */
  public void reset(double weight, XYSeries raw) {
    this.weight = Math.max(0, Math.min(0.999, weight));
    last = 0;
    count = 0;
    out.setNotify(false);
    out.clear();
    for (int i = 0; i < raw.getItemCount(); i++) {
      add(raw.getX(i).doubleValue(), raw.getY(i).doubleValue());
    }
    out.setNotify(true);
  }

  /** Adds one raw point (non-finite values are skipped: they would poison every later point). */
  public void add(double x, double y) {
    if (!Double.isFinite(y)) {
      return;
    }
    last = weight * last + (1 - weight) * y;
    count++;
    double debias = 1 - Math.pow(weight, count);
    out.add(x, debias == 0 ? y : last / debias, false);
  }

  /** Tells the chart once after a batch of {@link #add} calls. */
  public void fire() {
    out.fireSeriesChanged();
  }
}
