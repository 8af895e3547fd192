package org.bertworkbench.gui.export;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/** Writes a {@link Drawing} as PNG or SVG, from the same drawing code the screen uses. */
public final class Exports {

  private Exports() {}

  /** The drawing rendered at {@code scale} (2 for a sharp picture on a slide). */
  public static BufferedImage image(Drawing d, double width, double height, double scale) {
    int w = (int) Math.ceil(width * scale);
    int h = (int) Math.ceil(height * scale);
    BufferedImage image = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
    var g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      d.draw(g, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  public static void png(Drawing d, double width, double height, Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".png");
    ImageIO.write(image(d, width, height, 2), "png", tmp.toFile());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The drawing as an SVG document. */
  public static String svg(Drawing d, double width, double height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, (int) Math.ceil(width), (int) Math.ceil(height));
    d.draw(g, width, height);
    return g.getSVGDocument();
  }

  public static void svg(Drawing d, double width, double height, Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".svg");
    Files.writeString(tmp, svg(d, width, height), StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
