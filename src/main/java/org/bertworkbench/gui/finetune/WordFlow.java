package org.bertworkbench.gui.finetune;

import java.awt.FontMetrics;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays words out as running text: left to right, wrapping at the width, one box per word. The QA
 * and tagging drawings put their bars and colours around these boxes.
 */
final class WordFlow {

  private WordFlow() {}

  /**
   * The box of each word.
   *
   * @param fm the font the words are drawn in
   * @param words the words
   * @param spaceBefore whether a space goes before each word (pieces of one word join up)
   * @param x0 the left edge
   * @param y0 the top of the first line
   * @param width the width to wrap at
   * @param lineHeight the distance between lines (room for bars above and below)
   * @param boxHeight the height of each word's box
   */
  static List<Rectangle2D> layout(FontMetrics fm, List<String> words, boolean[] spaceBefore, double x0, double y0,
      double width, double lineHeight, double boxHeight) {
    List<Rectangle2D> out = new ArrayList<>(words.size());
    double space = fm.stringWidth(" ");
    double x = x0;
    double y = y0;
    for (int i = 0; i < words.size(); i++) {
      double w = Math.max(4, fm.stringWidth(words.get(i)));
      double gap = i > 0 && spaceBefore[i] ? space : 0;
      if (x + gap + w > x0 + width && x > x0) {
        x = x0;
        y += lineHeight;
        gap = 0;
      }
      x += gap;
      out.add(new Rectangle2D.Double(x, y, w, boxHeight));
      x += w;
    }
    return out;
  }

  /** The bottom of the last box, or {@code y0} when there is none. */
  static double bottom(List<Rectangle2D> boxes, double y0) {
    return boxes.isEmpty() ? y0 : boxes.get(boxes.size() - 1).getMaxY();
  }
}
