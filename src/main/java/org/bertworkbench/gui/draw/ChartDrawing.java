package org.bertworkbench.gui.draw;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.bertworkbench.gui.export.Drawing;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.StandardEntityCollection;

/**
 * A JFreeChart as a {@link Drawing}: the chart draws itself into whatever Graphics2D it is given
 * (the screen's FXGraphics2D, an SVG, a PNG), so charts keep the views' one drawing path. The last
 * drawing's entities answer "what is under the mouse".
 */
public final class ChartDrawing implements Drawing {

  private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

  private final JFreeChart chart;
  private final double preferredWidth;
  private final double preferredHeight;
  private ChartRenderingInfo info;

  public ChartDrawing(JFreeChart chart, double preferredWidth, double preferredHeight) {
    this.chart = chart;
    this.preferredWidth = preferredWidth;
    this.preferredHeight = preferredHeight;
  }

  /**
   * Loads and runs JFreeChart's classes once on a background thread, so that the first chart a
   * view shows does not pay for class loading on the FX thread.
   */
  public static void warmUp() {
    if (!WARM.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        var bars = new org.jfree.data.category.DefaultCategoryDataset();
        bars.addValue(1, "a", "b");
        var xy = new org.jfree.data.xy.XYSeriesCollection(new org.jfree.data.xy.XYSeries("s"));
        xy.getSeries(0).add(0, 1);
        xy.getSeries(0).add(1, 0);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(200, 150,
            java.awt.image.BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        for (JFreeChart c : java.util.List.of(
            org.jfree.chart.ChartFactory.createBarChart("w", "x", "y", bars),
            org.jfree.chart.ChartFactory.createXYLineChart("w", "x", "y", xy))) {
          new ChartDrawing(c, 200, 150).draw(g, 200, 150);
        }
        g.dispose();
      } catch (RuntimeException | LinkageError e) {
        // Only a warm-up: the real chart will report its own trouble.
      }
    }, "chart-warm-up");
    t.setDaemon(true);
    t.start();
  }

  public JFreeChart chart() {
    return chart;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    ChartRenderingInfo fresh = new ChartRenderingInfo(new StandardEntityCollection());
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height), fresh);
    info = fresh;
  }

  /** The chart item drawn at (x, y) the last time, or null. */
  public ChartEntity entityAt(double x, double y) {
    return info == null ? null : info.getEntityCollection().getEntity(x, y);
  }

  @Override
  public double preferredWidth() {
    return preferredWidth;
  }

  @Override
  public double preferredHeight() {
    return preferredHeight;
  }
}
