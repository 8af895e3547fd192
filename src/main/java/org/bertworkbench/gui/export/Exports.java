package org.bertworkbench.gui.export;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes a {@link Drawing} as PNG or SVG, from the same drawing code the screen uses. {@link #png}
 * and {@link #svg} render it as the screen shows it, at the size asked for. What the user saves
 * ({@link #exportPng}, {@link #exportSvg}, {@link #picture}) is laid out at that size, drawn with
 * {@link Drawing#isExport} true, and cut to what it drew ({@link #contentBounds}) plus {@link #MARGIN}:
 * a picture put on a slide has no white band around it.
 */
public final class Exports {

  /** The rendering hint that marks an export: {@link Drawing#isExport}. */
  public static final RenderingHints.Key EXPORT = new RenderingHints.Key(0x5e7) {
    @Override
    public boolean isCompatibleValue(Object value) {
      return value instanceof Boolean;
    }
  };

  /** White kept around the content of an export, in pixels of the layout. */
  public static final double MARGIN = 8;

  /** The most cells per side a thumbnail is written with in SVG ({@link #drawThumbnail}). */
  public static final int THUMBNAIL_CELLS = 40;

  /** The largest image (pixels per side) {@link #drawImage} writes as rectangles in SVG; larger stay bitmaps. */
  public static final int MAX_VECTOR_PIXELS = 128;

  private Exports() {}

  /** The drawing rendered at {@code scale} as on screen, uncut (2 for a sharp picture). */
  public static BufferedImage image(Drawing d, double width, double height, double scale) {
    return render(d, width, height, new Rectangle2D.Double(0, 0, width, height), scale, false);
  }

  /** The export of the drawing laid out at {@code width} x {@code height}: cut to its content, at {@code scale}. */
  public static BufferedImage picture(Drawing d, double width, double height, double scale) {
    return render(d, width, height, contentBounds(d, width, height), scale, true);
  }

  private static BufferedImage render(Drawing d, double width, double height, Rectangle2D area, double scale,
      boolean export) {
    int w = Math.max(1, (int) Math.ceil(area.getWidth() * scale));
    int h = Math.max(1, (int) Math.ceil(area.getHeight() * scale));
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    var g = image.createGraphics();
    try {
      hints(g, export);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      g.translate(-area.getX(), -area.getY());
      d.draw(g, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void hints(Graphics2D g, boolean export) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    if (export) {
      g.setRenderingHint(EXPORT, Boolean.TRUE);
    }
  }

  /**
   * Where the export of {@code d} laid out at {@code width} x {@code height} draws anything but white,
   * plus {@link #MARGIN}, inside the layout: measured by drawing it once on a transparent image, so
   * that no drawing has to know its own extent.
   */
  public static Rectangle2D contentBounds(Drawing d, double width, double height) {
    int w = Math.max(1, (int) Math.ceil(width));
    int h = Math.max(1, (int) Math.ceil(height));
    BufferedImage probe = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    var g = probe.createGraphics();
    try {
      hints(g, true);
      d.draw(g, width, height);
    } finally {
      g.dispose();
    }
    int[] px = probe.getRGB(0, 0, w, h, null, 0, w);
    int minX = w;
    int minY = h;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (ink(px[y * w + x])) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (maxX < 0) {
      return new Rectangle2D.Double(0, 0, width, height);
    }
    double x0 = Math.max(0, minX - MARGIN);
    double y0 = Math.max(0, minY - MARGIN);
    double x1 = Math.min(width, maxX + 1 + MARGIN);
    double y1 = Math.min(height, maxY + 1 + MARGIN);
    return new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0);
  }

  private static int quantized(int rgb) {
    int out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int c = (rgb >> shift) & 0xff;
      out |= Math.min(255, (c + 4) & ~7) << shift;
    }
    return out;
  }

  /** A pixel that shows on white: not transparent, not (nearly) white. */
  private static boolean ink(int argb) {
    int a = argb >>> 24;
    if (a < 8) {
      return false;
    }
    int r = (argb >> 16) & 0xff;
    int gr = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    return r < 250 || gr < 250 || b < 250;
  }

  /** The drawing as on screen, at twice {@code width} x {@code height}, uncut. */
  public static void png(Drawing d, double width, double height, Path file) throws IOException {
    writePng(image(d, width, height, 2), file);
  }

  /** The export the user saves: {@link #picture} at scale 2. */
  public static void exportPng(Drawing d, double width, double height, Path file) throws IOException {
    writePng(picture(d, width, height, 2), file);
  }

  private static void writePng(BufferedImage image, Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".png");
    ImageIO.write(image, "png", tmp.toFile());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The drawing as on screen, as an SVG document of {@code width} x {@code height}. */
  public static String svg(Drawing d, double width, double height) {
    return svg(d, width, height, new Rectangle2D.Double(0, 0, width, height), false);
  }

  /** The export the user saves as an SVG document: its viewBox the same {@link #contentBounds} as the PNG's. */
  public static String exportSvg(Drawing d, double width, double height) {
    return svg(d, width, height, contentBounds(d, width, height), true);
  }

  private static String svg(Drawing d, double width, double height, Rectangle2D b, boolean export) {
    SVGGraphics2D g = new SVGGraphics2D(b.getWidth(), b.getHeight());
    if (export) {
      g.setRenderingHint(EXPORT, Boolean.TRUE);
    }
    g.setColor(Color.WHITE);
    g.fill(b);
    d.draw(g, width, height);
    if (!export) {
      return g.getSVGDocument();
    }
    return "<?xml version=\"1.0\"?>\n"  // i18n-ok: SVG markup
        + g.getSVGElement(null, true, new ViewBox(b.getX(), b.getY(), b.getWidth(), b.getHeight()), null, null);
  }

  public static void exportSvg(Drawing d, double width, double height, Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".svg");
    Files.writeString(tmp, exportSvg(d, width, height), StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Draws {@code image} (a matrix, one pixel a value) scaled into (x, y, w, h), without smoothing. On
   * screen and in PNG that is the image; in SVG ({@link Drawing#isVector}) it is one rectangle per run
   * of a colour, so that the picture stays a vector drawing a slide program can scale, up to
   * {@link #MAX_VECTOR_PIXELS} pixels a side (a 512 x 512 matrix would be a quarter of a million
   * rectangles: it stays a bitmap).
   */
  public static void drawImage(Graphics2D g, BufferedImage image, double x, double y, double w, double h) {
    if (Drawing.isVector(g) && image.getWidth() <= MAX_VECTOR_PIXELS && image.getHeight() <= MAX_VECTOR_PIXELS) {
      vector(g, image, x, y, w, h, MAX_VECTOR_PIXELS);
    } else {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(image, (int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h), null);
    }
  }

  /**
   * Draws a small picture of a matrix (the model view's thumbnails) as {@link #drawImage} does, but in
   * SVG always as rectangles, at most {@link #THUMBNAIL_CELLS} a side: a cell standing for several
   * pixels takes the one farthest from white, as the thumbnails keep a sharp weight visible.
   */
  public static void drawThumbnail(Graphics2D g, BufferedImage image, double x, double y, double w, double h) {
    if (Drawing.isVector(g)) {
      vector(g, image, x, y, w, h, THUMBNAIL_CELLS);
    } else {
      drawImage(g, image, x, y, w, h);
    }
  }

  /** The most common colour fills the box, then one rectangle per run of another colour in a row. */
  private static void vector(Graphics2D g, BufferedImage image, double x, double y, double w, double h, int most) {
    int iw = image.getWidth();
    int ih = image.getHeight();
    int cols = Math.min(iw, most);
    int rows = Math.min(ih, most);
    int[] px = image.getRGB(0, 0, iw, ih, null, 0, iw);
    int[] cells = new int[rows * cols];
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int best = 0xffffff;
        int bestSum = Integer.MAX_VALUE;
        for (int py = r * ih / rows; py < Math.max(r * ih / rows + 1, (r + 1) * ih / rows); py++) {
          for (int pxi = c * iw / cols; pxi < Math.max(c * iw / cols + 1, (c + 1) * iw / cols); pxi++) {
            int v = px[py * iw + pxi] & 0xffffff;
            int sum = ((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff);
            if (sum < bestSum) {
              bestSum = sum;
              best = v;
            }
          }
        }
        int q = quantized(best); // 33 levels a channel: runs of nearly equal colour merge
        cells[r * cols + c] = q;
        counts.merge(q, 1, Integer::sum);
      }
    }
    int background = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
    double cw = w / cols;
    double ch = h / rows;
    g.setColor(new Color(background));
    g.fill(new Rectangle2D.Double(x, y, w, h));
    for (int r = 0; r < rows; r++) {
      int c = 0;
      while (c < cols) {
        int v = cells[r * cols + c];
        int end = c + 1;
        while (end < cols && cells[r * cols + end] == v) {
          end++;
        }
        if (v != background) {
          g.setColor(new Color(v));
          g.fill(new Rectangle2D.Double(x + c * cw, y + r * ch, (end - c) * cw, ch));
        }
        c = end;
      }
    }
  }
}
