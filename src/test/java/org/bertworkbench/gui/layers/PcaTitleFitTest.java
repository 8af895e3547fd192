package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.analysis.Pca;
import org.junit.jupiter.api.Test;

/**
 * The PCA map's title goes on two lines when one does not fit: in large type (F5) the map has
 * fewer units of width and its title ran off the right edge. Drawn 420 units wide into a wider
 * image, nothing may be inked beyond those 420.
 */
class PcaTitleFitTest {

  @Test
  void theTitleStaysInsideANarrowMap() {
    Random random = new Random(3);
    float[][] rows = new float[18][16];
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      tokens.add("t" + i);
      for (int j = 0; j < rows[i].length; j++) {
        rows[i][j] = (float) random.nextGaussian();
      }
    }
    int width = 420;
    BufferedImage image = new BufferedImage(1400, 420, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    new PcaDrawing(tokens, new int[rows.length], Pca.fit(rows, 2), 12, 12, 1).draw(g, width, 420);
    g.dispose();
    int outside = 0;
    for (int y = 0; y < 60; y++) {
      for (int x = width; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          outside++;
        }
      }
    }
    assertEquals(0, outside, "title pixels beyond the map's width");
  }
}
