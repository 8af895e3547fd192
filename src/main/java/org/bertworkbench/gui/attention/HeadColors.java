package org.bertworkbench.gui.attention;

import java.awt.Color;

/** One colour per head, the same in every view and on the head check-boxes. */
final class HeadColors {

  private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
      0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x393b79, 0xad494a, 0x637939, 0x8c6d31, 0x843c39, 0x7b4173};

  /** The colour of aggregated maps (mean, rollout): not one head's. */
  static final Color AGGREGATE = new Color(0x37474f);

  private HeadColors() {}

  static Color of(int head) {
    if (head < 0) {
      return AGGREGATE;
    }
    if (head < PALETTE.length) {
      return new Color(PALETTE[head]);
    }
    return Color.getHSBColor((head * 0.618f) % 1f, 0.7f, 0.75f);
  }

  /** The same colour as a CSS value, for the check-boxes. */
  static String css(int head) {
    Color c = of(head);
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  /** {@code c} with alpha {@code a} in 0..1. */
  static Color withAlpha(Color c, double a) {
    int alpha = (int) Math.round(Math.max(0, Math.min(1, a)) * 255);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** White to {@code c} as {@code v} goes 0..1, as an ARGB int. */
  static int ramp(Color c, double v) {
    double t = Math.max(0, Math.min(1, v));
    int r = (int) Math.round(255 + (c.getRed() - 255) * t);
    int g = (int) Math.round(255 + (c.getGreen() - 255) * t);
    int b = (int) Math.round(255 + (c.getBlue() - 255) * t);
    return 0xff000000 | (r << 16) | (g << 8) | b;
  }

  /** Blue for negative, white for 0, red for positive, {@code v} in -1..1. */
  static int diverging(double v) {
    double t = Math.max(-1, Math.min(1, v));
    return t >= 0 ? ramp(new Color(0xc62828), t) : ramp(new Color(0x1565c0), -t);
  }
}
