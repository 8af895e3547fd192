package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Shape;
import org.junit.jupiter.api.Test;

/**
 * The PCA map tells sentence B's points from sentence A's by shape as well as colour (issue 12
 * point 7): A a circle, B a diamond, which a reader without the colours still sees apart.
 */
class PcaMarkersTest {

  @Test
  void sentenceAIsACircleAndSentenceBADiamond() {
    Shape a = PcaDrawing.marker(0, 0, 0, 4);
    Shape b = PcaDrawing.marker(1, 0, 0, 4);
    // Where a circle of radius 4 has ink (2.7, 2.7 is inside it), a diamond has its corner or nothing.
    assertTrue(a.contains(2.7, 2.7), "a circle fills toward its diagonal");
    assertFalse(b.contains(2.7, 2.7), "a diamond leaves the diagonal empty");
    assertTrue(b.contains(4.5, 0), "and reaches further along the axes");
    assertFalse(a.contains(4.5, 0));
  }
}
