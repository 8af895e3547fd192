package org.bertworkbench.gui.sentences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.export.Exports;
import org.junit.jupiter.api.Test;

/** The heatmap without a window: cells where the values say, hits, the table, a large matrix as one image. */
class SimilarityDrawingTest {

  @Test
  void cellsAreColouredByTheirCosineAndHitsFindThem() {
    List<SentenceFile.Line> lines = List.of(new SentenceFile.Line(1, "a"), new SentenceFile.Line(3, "b"));
    double[][] m = {{1, -0.5}, {-0.5, 1}};
    SimilarityDrawing d = new SimilarityDrawing("t", "cosine", lines, m);
    double w = 600;
    double h = 500;
    double c = d.cell(w, h);
    assertTrue(d.writesValues(w, h));
    assertArrayEquals(new int[] {1, 0}, d.hit(SimilarityDrawing.LABELS + c / 2, SimilarityDrawing.TOP + c * 1.5, w,
        h));
    assertNull(d.hit(5, 5, w, h));
    BufferedImage img = Exports.image(d, w, h, 1);
    // a corner of the off-diagonal cell, away from its written value
    int rgb = img.getRGB((int) (SimilarityDrawing.LABELS + c + 3), (int) (SimilarityDrawing.TOP + 3)) & 0xffffff;
    assertEquals(Diverging.rgb(-0.5, 1) & 0xffffff, rgb);
    assertEquals(List.of("line", "text", "1", "3"), d.table().header());
    assertEquals(List.of(3, "b", -0.5, 1.0), d.table().rows().get(1));
  }

  @Test
  void aLargeMatrixIsOneImageOfItsCells() {
    int n = 1000;
    List<SentenceFile.Line> lines = new ArrayList<>();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      lines.add(new SentenceFile.Line(i + 1, "sentence " + i));
      for (int j = 0; j < n; j++) {
        m[i][j] = Math.cos(i - j);
      }
    }
    SimilarityDrawing d = new SimilarityDrawing("t", "cosine", lines, m);
    assertFalse(d.writesValues(900, 700));
    // Speed belongs in a benchmark, not here: this checks the one image is the matrix, cell for cell.
    BufferedImage img = Exports.image(d, 900, 700, 1);
    double c = d.cell(900, 700);
    int diagonal = img.getRGB((int) (SimilarityDrawing.LABELS + c / 2), (int) (SimilarityDrawing.TOP + c / 2));
    assertEquals(Diverging.rgb(1, 1) & 0xffffff, diagonal & 0xffffff, "the first cell (cosine 1) where it belongs");
    int next = img.getRGB((int) (SimilarityDrawing.LABELS + c * 1.5), (int) (SimilarityDrawing.TOP + c / 2));
    assertEquals(Diverging.rgb(Math.cos(1), 1) & 0xffffff, next & 0xffffff, "and its neighbour (cosine of 1)");
  }
}
