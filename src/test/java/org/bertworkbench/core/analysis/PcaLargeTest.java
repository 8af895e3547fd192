package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bertworkbench.core.job.CancelledException;
import org.bertworkbench.core.job.Progress;
import org.junit.jupiter.api.Test;

/**
 * {@link Pca#fitLarge}, the projector's one-pass PCA: on points near a known plane in 48
 * dimensions its axes are the plane's and its variances and scores the ones computed directly
 * along them; it equals {@link Pca#fit} (which centres a copy); it stops when cancelled.
 */
class PcaLargeTest {

  static final int H = 48;

  /** Orthonormal u, v (Gram-Schmidt of two random vectors). */
  static double[][] plane(Random r) {
    double[] u = new double[H];
    double[] v = new double[H];
    for (int d = 0; d < H; d++) {
      u[d] = r.nextGaussian();
      v[d] = r.nextGaussian();
    }
    normalise(u);
    double uv = dot(u, v);
    for (int d = 0; d < H; d++) {
      v[d] -= uv * u[d];
    }
    normalise(v);
    return new double[][] {u, v};
  }

  /** n points: mean m + 4a u + 1.5b v + 0.001 noise, a and b standard normal. */
  static float[][] points(int n, double[] m, double[][] uv, Random r) {
    float[][] rows = new float[n][H];
    for (int i = 0; i < n; i++) {
      double a = 4 * r.nextGaussian();
      double b = 1.5 * r.nextGaussian();
      for (int d = 0; d < H; d++) {
        rows[i][d] = (float) (m[d] + a * uv[0][d] + b * uv[1][d] + 0.001 * r.nextGaussian());
      }
    }
    return rows;
  }

  @Test
  void findsThePlaneItsVariancesAndScores() {
    Random r = new Random(11);
    double[][] uv = plane(r);
    double[] m = new double[H];
    for (int d = 0; d < H; d++) {
      m[d] = 3 * r.nextGaussian();
    }
    float[][] rows = points(20_000, m, uv, r);
    Pca p = Pca.fitLarge(rows, 2, Progress.NONE);
    // Directly: the 2 x 2 covariance of the points' coordinates on (u, v) and its eigenvectors.
    double[] mean = Pca.mean(rows);
    double cuu = 0;
    double cuv = 0;
    double cvv = 0;
    for (float[] x : rows) {
      double a = 0;
      double b = 0;
      for (int d = 0; d < H; d++) {
        a += (x[d] - mean[d]) * uv[0][d];
        b += (x[d] - mean[d]) * uv[1][d];
      }
      cuu += a * a;
      cuv += a * b;
      cvv += b * b;
    }
    cuu /= rows.length;
    cuv /= rows.length;
    cvv /= rows.length;
    double theta = 0.5 * Math.atan2(2 * cuv, cuu - cvv);
    double half = Math.sqrt((cuu - cvv) * (cuu - cvv) / 4 + cuv * cuv);
    double[] lambda = {(cuu + cvv) / 2 + half, (cuu + cvv) / 2 - half};
    double[][] expected = new double[2][H];
    for (int d = 0; d < H; d++) {
      expected[0][d] = Math.cos(theta) * uv[0][d] + Math.sin(theta) * uv[1][d];
      expected[1][d] = -Math.sin(theta) * uv[0][d] + Math.cos(theta) * uv[1][d];
    }
    for (int c = 0; c < 2; c++) {
      assertEquals(1, Math.abs(dot(p.axes()[c], expected[c])), 1e-6, "axis " + c);
      assertEquals(lambda[c], p.variances()[c], lambda[c] * 1e-5, "variance along axis " + c);
    }
    assertEquals(lambda[0] + lambda[1], p.totalVariance(), 1e-3, "the plane holds nearly all the variance");
    for (int i = 0; i < rows.length; i += 997) {
      for (int c = 0; c < 2; c++) {
        double s = 0;
        for (int d = 0; d < H; d++) {
          s += (rows[i][d] - mean[d]) * p.axes()[c][d];
        }
        assertEquals(s, p.scores()[i][c], 1e-9, "score " + i + "," + c);
      }
    }
  }

  @Test
  void equalsTheFitOfACentredCopy() {
    Random r = new Random(5);
    float[][] rows = points(3000, new double[H], plane(r), r);
    Pca large = Pca.fitLarge(rows, 3, Progress.NONE);
    Pca direct = Pca.fit(rows, 3);
    for (int c = 0; c < 2; c++) {
      assertEquals(direct.variances()[c], large.variances()[c], 1e-9 * direct.variances()[0]);
      assertEquals(1, Math.abs(dot(direct.axes()[c], large.axes()[c])), 1e-9, "axis " + c);
    }
    assertEquals(direct.totalVariance(), large.totalVariance(), 1e-9 * direct.totalVariance());
  }

  @Test
  void fewRowsGoToTheGramMatrix() {
    float[][] rows = points(10, new double[H], plane(new Random(2)), new Random(3));
    Pca large = Pca.fitLarge(rows, 2, Progress.NONE);
    Pca direct = Pca.fit(rows, 2);
    assertEquals(direct.variances()[0], large.variances()[0], 1e-12);
    assertEquals(rows.length, large.scores().length);
  }

  @Test
  void stopsWhenCancelled() {
    float[][] rows = points(5000, new double[H], plane(new Random(4)), new Random(4));
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction, String message) {}

      @Override
      public boolean isCancelled() {
        return true;
      }
    };
    assertThrows(CancelledException.class, () -> Pca.fitLarge(rows, 2, cancelled));
  }

  static void normalise(double[] x) {
    double n = Math.sqrt(dot(x, x));
    for (int d = 0; d < x.length; d++) {
      x[d] /= n;
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += a[d] * b[d];
    }
    return s;
  }
}
