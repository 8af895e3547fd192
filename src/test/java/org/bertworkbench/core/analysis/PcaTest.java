package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PCA on hand-made points whose principal axes are known. */
class PcaTest {

  /** Points spread along (1, 1, 0)/sqrt 2, a little along (1, -1, 0)/sqrt 2, none along z, offset by (5, -3, 2). */
  static float[][] cigar(int n, long seed) {
    Random r = new Random(seed);
    float[][] rows = new float[n][];
    double s = Math.sqrt(0.5);
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian() * 10;
      double b = r.nextGaussian() * 1;
      rows[i] = new float[] {(float) (5 + s * a + s * b), (float) (-3 + s * a - s * b), 2f};
    }
    return rows;
  }

  @Test
  void findsTheKnownAxesMoreRowsThanDimensions() {
    Pca p = Pca.fit(cigar(400, 7), 2);
    double s = Math.sqrt(0.5);
    assertArrayEquals(new double[] {s, s, 0}, p.axes()[0], 0.01);
    // Second axis (1, -1, 0)/sqrt 2, up to sign; the sign rule makes its largest component positive.
    assertEquals(s, Math.abs(p.axes()[1][0]), 0.02);
    assertEquals(-p.axes()[1][0], p.axes()[1][1], 0.02);
    assertEquals(0, p.axes()[1][2], 1e-9);
    assertEquals(0.99, p.explained(0), 0.01);
    assertEquals(1.0, p.explained(0) + p.explained(1), 1e-9);
    assertArrayEquals(new double[] {5, -3, 2}, p.mean(), 1.5);
  }

  @Test
  void gramRouteAgreesWhenThereAreFewerRowsThanDimensions() {
    // 4 points in 6 dimensions: on a line along e2, plus one off it along e5.
    float[][] rows = {
        {0, 0, -3, 0, 0, 0}, {0, 0, -1, 0, 0, 0}, {0, 0, 1, 0, 0, 1}, {0, 0, 3, 0, 0, 0}};
    Pca p = Pca.fit(rows, 2);
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0}, p.axes()[0], 0.1);
    assertEquals(1, Math.abs(p.axes()[1][5]), 0.05);
    // Scores are the centred points projected: first coordinates -3, -1, 1, 3 (up to a tiny tilt).
    assertEquals(-3, p.scores()[0][0], 0.1);
    assertEquals(3, p.scores()[3][0], 0.1);
    // Variance along the first axis: mean of 9, 1, 1, 9 (the tilt adds a little).
    assertEquals(5.0, p.variances()[0], 0.1);
  }

  @Test
  void scoresAreTheCentredPointsOnTheAxes() {
    float[][] rows = cigar(50, 3);
    Pca p = Pca.fit(rows, 2);
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < 2; c++) {
        double dot = 0;
        for (int d = 0; d < 3; d++) {
          dot += (rows[i][d] - p.mean()[d]) * p.axes()[c][d];
        }
        assertEquals(dot, p.scores()[i][c], 1e-6);
      }
    }
  }

  @Test
  void layersAreAlignedSoThatPointsMoveRatherThanMirror() {
    float[][] a = cigar(30, 1);
    float[][] mirrored = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      // The same cloud mirrored and slightly moved: its own PCA would flip the sign.
      mirrored[i] = new float[] {-a[i][0] + 0.01f * i, -a[i][1], a[i][2]};
    }
    List<Pca> layers = HiddenStateTrajectory.projections(new float[][][] {a, mirrored});
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += layers.get(0).scores()[i][0] * layers.get(1).scores()[i][0];
    }
    assertTrue(s > 0, "aligned scores correlate positively");
  }

  @Test
  void trajectoryCosines() {
    float[][][] hidden = {{{1, 0}}, {{1, 1}}, {{0, 1}}};
    HiddenStateTrajectory t = HiddenStateTrajectory.of(hidden, 0);
    assertArrayEquals(new double[] {1, Math.sqrt(0.5), 0}, t.cosineToInput(), 1e-9);
    assertArrayEquals(new double[] {0, Math.sqrt(0.5), 1}, t.cosineToFinal(), 1e-9);
    assertArrayEquals(new double[] {1, Math.sqrt(2), 1}, t.norms(), 1e-9);
  }
}
