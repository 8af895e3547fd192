package org.bertworkbench.gui.sentences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.analysis.SentenceFile;
import org.junit.jupiter.api.Test;

/**
 * The projector's drawing without a window: the label column split off, the legend (20 colours,
 * the rest "other"), the points' image, and the grid's pick equal to looking at every point.
 */
class ProjectorDrawingTest {

  static List<SentenceFile.Line> lines(int n) {
    List<SentenceFile.Line> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new SentenceFile.Line(i + 1, "sentence " + i));
    }
    return out;
  }

  @Test
  void splitsTheLabelAtTheLastTab() {
    ProjectorViewModel.Labelled l = ProjectorViewModel.labelled(List.of(new SentenceFile.Line(1, "a b\tx"),
        new SentenceFile.Line(3, "no label"), new SentenceFile.Line(4, "tab\tin text\t y "),
        new SentenceFile.Line(5, "empty label\t"), new SentenceFile.Line(6, "\tonly a label")));
    assertEquals(List.of("a b", "no label", "tab\tin text", "empty label"), l.lines().stream()
        .map(SentenceFile.Line::text).toList());
    assertEquals(List.of(1, 3, 4, 5), l.lines().stream().map(SentenceFile.Line::number).toList());
    assertEquals(List.of("x", "-", "y", "-"), java.util.Arrays.stream(l.labels()).map(s -> s == null ? "-" : s)
        .toList());
  }

  @Test
  void twentyLabelsGetColoursTheRestAreOther() {
    int n = 0;
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < 25; k++) {
      for (int c = 0; c < 50 - k; c++) {
        labels.add("L" + k);
        n++;
      }
    }
    Random r = new Random(1);
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) r.nextGaussian();
      ys[i] = (float) r.nextGaussian();
    }
    ProjectorDrawing d = new ProjectorDrawing("t", "s", "other", lines(n), labels.toArray(new String[0]), xs, ys);
    assertEquals(20, d.legend().size());
    assertEquals("L0", d.legend().get(0), "the most frequent first");
    assertEquals("L19", d.legend().get(19));
    assertEquals(30 + 29 + 28 + 27 + 26, d.otherCount(), "L20..L24 are other");
    assertEquals(ProjectorDrawing.PALETTE[0], d.colour(0));
    assertEquals(ProjectorDrawing.OTHER, d.colour(n - 1));
    assertNotEquals(d.colour(0), d.colour(labels.indexOf("L1")));
    // Drawn: the last point drawn (the rarest coloured label's last) shows in its colour in the image.
    BufferedImage screen = new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = screen.createGraphics();
    d.draw(g, 900, 600);
    g.dispose();
    int last = labels.lastIndexOf("L19");
    Point2D p = d.position(last, 900, 600);
    assertEquals(ProjectorDrawing.PALETTE[19], screen.getRGB((int) p.getX(), (int) p.getY()) & 0xffffff);
    assertEquals(ProjectorDrawing.PALETTE[19], d.image().getRGB((int) Math.round(p.getX()
        - ProjectorDrawing.LEFT), (int) Math.round(p.getY() - ProjectorDrawing.TOP)) & 0xffffff);
  }

  @Test
  void withoutLabelsOneColourAndNoLegend() {
    ProjectorDrawing d = new ProjectorDrawing("t", "s", "other", lines(3), new String[3], new float[] {0, 1, 2},
        new float[] {0, 1, 0});
    assertEquals(List.of(), d.legend());
    assertEquals(0, d.otherCount());
    assertEquals(ProjectorDrawing.UNLABELLED, d.colour(2));
    assertThrows(IllegalArgumentException.class, () -> new ProjectorDrawing("t", "s", "o", lines(3), new String[2],
        new float[3], new float[3]));
  }

  @Test
  void theGridPicksTheNearestPointAsASearchOfAllWould() {
    int n = 20_000;
    Random r = new Random(3);
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) (r.nextGaussian() * (i % 2 == 0 ? 1 : 5));
      ys[i] = (float) r.nextGaussian();
    }
    ProjectorDrawing d = new ProjectorDrawing("t", "s", "o", lines(n), new String[n], xs, ys);
    double w = 1000;
    double h = 700;
    Point2D[] at = new Point2D[n];
    for (int i = 0; i < n; i++) {
      at[i] = d.position(i, w, h);
    }
    int found = 0;
    for (int k = 0; k < 400; k++) {
      // Half the clicks anywhere, half within a few units of a point.
      Point2D near = at[r.nextInt(n)];
      double x = k % 2 == 0 ? r.nextDouble() * w : near.getX() + 12 * (r.nextDouble() - 0.5);
      double y = k % 2 == 0 ? r.nextDouble() * h : near.getY() + 12 * (r.nextDouble() - 0.5);
      double nearest = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        nearest = Math.min(nearest, at[i].distance(x, y));
      }
      int hit = d.hit(x, y, w, h);
      if (hit < 0) {
        assertTrue(nearest > ProjectorDrawing.PICK - 1e-3, "a point " + nearest + " from " + x + "," + y);
      } else {
        found++;
        assertEquals(nearest, at[hit].distance(x, y), 1e-3, "the nearest point to " + x + "," + y);
      }
    }
    assertTrue(found > 200, found + " clicks near points");
    assertEquals(7, d.hit(at[7].getX(), at[7].getY(), w, h));
    assertNull(new ProjectorDrawing("t", "s", "o", List.of(), new String[0], new float[0], new float[0]).image());
  }
}
