package org.bertworkbench.gui.draw;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import org.bertworkbench.gui.text.Fonts;

/**
 * The diverging colour map of the vector views: blue for negative, white for 0, red for positive,
 * symmetric around 0 on a scale {@code s}; values beyond +-s take the full colour. Matrices are
 * rendered to an image of exactly the pixels they will fill (so no smoothing blurs rows together),
 * a pixel that covers several values showing the one largest in magnitude (outlier dimensions stay
 * visible when 768 values share 200 pixels).
 */
public final class Diverging {

  static final Color NEGATIVE = new Color(33, 102, 172);
  static final Color ZERO = new Color(247, 247, 247);
  static final Color POSITIVE = new Color(178, 24, 43);

  private Diverging() {}

  private static final int LEVELS = 1024;
  private static final int[] LUT = new int[2 * LEVELS + 1];

  static {
    for (int i = 0; i <= 2 * LEVELS; i++) {
      double t = (i - LEVELS) / (double) LEVELS;
      Color end = t < 0 ? NEGATIVE : POSITIVE;
      double a = Math.pow(Math.abs(t), 0.85);
      int r = (int) Math.round(ZERO.getRed() + (end.getRed() - ZERO.getRed()) * a);
      int g = (int) Math.round(ZERO.getGreen() + (end.getGreen() - ZERO.getGreen()) * a);
      int b = (int) Math.round(ZERO.getBlue() + (end.getBlue() - ZERO.getBlue()) * a);
      LUT[i] = 0xff000000 | (r << 16) | (g << 8) | b;
    }
  }

  /** The colour of {@code v} on the scale {@code scale}, as opaque ARGB. */
  public static int rgb(double v, double scale) {
    double t = scale <= 0 ? 0 : Math.max(-1, Math.min(1, v / scale));
    if (Double.isNaN(t)) {
      t = 0;
    }
    return LUT[(int) Math.round((t + 1) * LEVELS)];
  }

  /** Renders {@code m} [R][C] into a {@code w} x {@code h} image (rows top to bottom). */
  public static BufferedImage render(float[][] m, int w, int h, double scale) {
    w = Math.max(1, w);
    h = Math.max(1, h);
    // ARGB_PRE, opaque: the format SwingFXUtils converts to a JavaFX image without a per-pixel path.
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    if (rows == 0 || cols == 0) {
      return image;
    }
    int[] c0 = new int[w];
    int[] c1 = new int[w];
    for (int px = 0; px < w; px++) {
      c0[px] = (int) ((long) px * cols / w);
      c1[px] = Math.max(c0[px] + 1, (int) ((long) (px + 1) * cols / w));
    }
    int[] line = new int[w];
    float[] band = new float[w];
    int lastR0 = -1;
    int lastR1 = -1;
    for (int py = 0; py < h; py++) {
      int r0 = (int) ((long) py * rows / h);
      int r1 = Math.max(r0 + 1, (int) ((long) (py + 1) * rows / h));
      if (r0 != lastR0 || r1 != lastR1) {
        Arrays.fill(band, 0);
        for (int r = r0; r < r1; r++) {
          float[] row = m[r];
          for (int px = 0; px < w; px++) {
            for (int c = c0[px]; c < c1[px]; c++) {
              if (Math.abs(row[c]) > Math.abs(band[px])) {
                band[px] = row[c];
              }
            }
          }
        }
        for (int px = 0; px < w; px++) {
          line[px] = rgb(band[px], scale);
        }
        lastR0 = r0;
        lastR1 = r1;
      }
      image.setRGB(0, py, w, 1, line, 0, w);
    }
    return image;
  }

  /**
   * A robust symmetric scale: the {@code quantile} of |value| over the matrices (a few huge
   * outlier dimensions would otherwise wash every other value out to white), two significant digits.
   */
  public static double scaleOf(double quantile, float[][]... matrices) {
    long total = 0;
    for (float[][] m : matrices) {
      for (float[] r : m) {
        total += r.length;
      }
    }
    if (total == 0) {
      return 1;
    }
    int stride = (int) Math.max(1, total / 200_000);
    float[] sample = new float[(int) (total / stride) + 1];
    int n = 0;
    long i = 0;
    for (float[][] m : matrices) {
      for (float[] r : m) {
        for (float v : r) {
          if (i++ % stride == 0 && n < sample.length) {
            sample[n++] = Math.abs(v);
          }
        }
      }
    }
    Arrays.sort(sample, 0, n);
    double q = sample[Math.min(n - 1, (int) Math.floor(quantile * (n - 1)))];
    return round2(q > 0 ? q : 1);
  }

  static double round2(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)) - 1);
    return Math.ceil(v / p) * p;
  }

  /** The legend: a gradient from -scale to +scale with its ticks and what it applies to. */
  public static double legend(Graphics2D g, double x, double y, double width, double scale, String label) {
    int steps = 48;
    double bw = width / steps;
    for (int i = 0; i < steps; i++) {
      double v = -scale + (i + 0.5) * 2 * scale / steps;
      g.setColor(new Color(rgb(v, scale)));
      g.fill(new Rectangle2D.Double(x + i * bw, y, bw + 0.5, 12));
    }
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(x, y, width, 12));
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.DARK_GRAY);
    String lo = "≤ " + format(-scale);
    String hi = "≥ " + format(scale);
    g.drawString(lo, (float) x, (float) (y + 25));
    g.drawString("0", (float) (x + width / 2 - fm.stringWidth("0") / 2.0), (float) (y + 25));
    g.drawString(hi, (float) (x + width - fm.stringWidth(hi)), (float) (y + 25));
    g.drawString(label, (float) (x + width + 12), (float) (y + 11));
    return y + 32;
  }

  public static String format(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 0.01 && a < 1000) {
      return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
