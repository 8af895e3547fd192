package org.bertworkbench.gui.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The masking legend over the batch wraps to the width it is given. In large type (F5) the drawing
 * has fewer units of width than at zoom 1, and the legend ran off the window ("kept un…"); here it
 * is drawn 420 units wide into a wider image, and nothing may be inked beyond those 420.
 */
class BatchLegendWrapTest {

  @Test
  void theLegendAndTheCountersStayInsideANarrowDrawing() {
    int width = 420;
    BufferedImage image = new BufferedImage(1400, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    new BatchDrawing(null, null).draw(g, width, 300);
    g.dispose();
    int outside = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = width; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          outside++;
        }
      }
    }
    assertEquals(0, outside, "pixels drawn beyond the drawing's width");
  }
}
