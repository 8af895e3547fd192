package org.bertworkbench.gui.draw;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Finds a colour legend in a rendered picture by its look: somewhere a horizontal run of at least 60
 * pixels, across or upright, whose brightness changes smoothly, by at least 80 from end to end, through at
 * least 15 colours. A heat map's cells jump between unrelated colours; a blank or flat area does not
 * change; a legend's gradient does both of what they don't.
 */
public final class LegendPixels {

  private LegendPixels() {}

  /** Whether {@code image} holds at least one gradient bar, across or upright. */
  public static boolean hasGradient(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y++) {
      int row = y;
      if (hasRun(image.getWidth(), x -> image.getRGB(x, row))) {
        return true;
      }
    }
    for (int x = 0; x < image.getWidth(); x++) {
      int column = x;
      if (hasRun(image.getHeight(), y -> image.getRGB(column, y))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the line of {@code length} pixels {@code rgb} gives holds a smooth run that is a gradient. */
  private static boolean hasRun(int length, IntUnaryOperator rgb) {
    int start = 0;
    for (int i = 1; i <= length; i++) {
      boolean smooth = i < length && Math.abs(luminance(rgb.applyAsInt(i)) - luminance(rgb.applyAsInt(i - 1))) <= 14;
      if (!smooth) {
        if (gradient(rgb, start, i - 1)) {
          return true;
        }
        start = i;
      }
    }
    return false;
  }

  private static boolean gradient(IntUnaryOperator rgb, int from, int to) {
    if (to - from < 60) {
      return false;
    }
    double change = Math.abs(luminance(rgb.applyAsInt(to)) - luminance(rgb.applyAsInt(from)));
    Set<Integer> colours = new HashSet<>();
    for (int i = from; i <= to; i++) {
      colours.add(rgb.applyAsInt(i) & 0xffffff);
    }
    return change >= 80 && colours.size() >= 15;
  }

  static double luminance(int rgb) {
    return 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
  }
}
