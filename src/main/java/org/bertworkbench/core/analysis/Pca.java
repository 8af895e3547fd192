package org.bertworkbench.core.analysis;

import java.util.Random;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;

/**
 * Principal component analysis of N points in H dimensions, the first k components.
 *
 * <p>The eigenvectors come from the smaller of the two symmetric matrices: the Gram matrix
 * Xc Xc^T (N x N) when N <= H, else the scatter matrix Xc^T Xc (H x H), Xc = rows minus their mean.
 * Both share their non-zero eigenvalues; a Gram eigenvector u gives the axis Xc^T u / sqrt(lambda)
 * and the scores u sqrt(lambda). Eigenvectors by block power iteration with Rayleigh-Ritz.
 *
 * <p>Sign: each axis is turned so that its largest component (by magnitude) is positive.
 *
 * @param mean [H] the mean of the points
 * @param axes [k][H] unit principal axes, largest variance first
 * @param variances [k] the variance along each axis (divided by N)
 * @param totalVariance the summed variance over all H dimensions (divided by N)
 * @param scores [N][k] every point's coordinates on the axes
 */
public record Pca(double[] mean, double[][] axes, double[] variances, double totalVariance,
    double[][] scores) {

  private static final int MAX_ITERATIONS = 300;
  private static final double TOLERANCE = 1e-6;

  /** The share of all variance along component {@code c}, 0..1. */
  public double explained(int c) {
    return totalVariance == 0 ? 0 : variances[c] / totalVariance;
  }

  /** The same analysis with component {@code c} pointing the other way. */
  public Pca flipped(int c) {
    double[][] a = axes.clone();
    a[c] = a[c].clone();
    for (int d = 0; d < a[c].length; d++) {
      a[c][d] = -a[c][d];
    }
    double[][] s = new double[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      s[i] = scores[i].clone();
      s[i][c] = -s[i][c];
    }
    return new Pca(mean, a, variances, totalVariance, s);
  }

  /** The first {@code k} principal components of the rows. */
  public static Pca fit(float[][] rows, int k) {
    double[][] xc = centred(rows);
    int n = xc.length;
    int h = n == 0 ? 0 : xc[0].length;
    if (n <= h) {
      return fromGram(rows, gram(xc), k);
    }
    double[][] scatter = new double[h][h];
    for (double[] x : xc) {
      for (int a = 0; a < h; a++) {
        double xa = x[a];
        if (xa == 0) {
          continue;
        }
        double[] row = scatter[a];
        for (int b = a; b < h; b++) {
          row[b] += xa * x[b];
        }
      }
    }
    mirror(scatter);
    Eigen e = topEigen(scatter, Math.min(k, h));
    double[][] axes = e.vectors;
    double[][] scores = new double[n][axes.length];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < axes.length; c++) {
        scores[i][c] = dot(xc[i], axes[c]);
      }
    }
    return finish(mean(rows), xc, axes, e.values, scores);
  }

  /**
   * The first {@code k} principal components of many rows (the projector's 100,000 sentence
   * vectors) without a centred copy: the H x H scatter matrix in one pass over the rows (each row
   * centred into one reused buffer), its top eigenvectors, then every row's scores. Memory is the
   * rows, H x H doubles and N x k scores. Few rows (N <= H) go to {@link #fit}. Reports progress
   * and stops when {@code progress} is cancelled.
   */
  public static Pca fitLarge(float[][] rows, int k, Progress progress) {
    int n = rows.length;
    int h = n == 0 ? 0 : rows[0].length;
    if (n <= h) {
      return fit(rows, k);
    }
    double[] mean = mean(rows);
    double[][] scatter = new double[h][h];
    double[] x = new double[h];
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (i % 2048 == 0) {
        progress.checkCancelled();
        progress.report(0.9 * i / n, Message.of(Pca.class, "Pca.scatter", i, n));
      }
      float[] r = rows[i];
      for (int d = 0; d < h; d++) {
        x[d] = r[d] - mean[d];
        total += x[d] * x[d];
      }
      for (int a = 0; a < h; a++) {
        double xa = x[a];
        if (xa == 0) {
          continue;
        }
        double[] row = scatter[a];
        for (int b = a; b < h; b++) {
          row[b] += xa * x[b];
        }
      }
    }
    mirror(scatter);
    progress.checkCancelled();
    Eigen e = topEigen(scatter, Math.min(k, h));
    double[][] axes = e.vectors;
    double[][] scores = new double[n][axes.length];
    for (int i = 0; i < n; i++) {
      float[] r = rows[i];
      for (int c = 0; c < axes.length; c++) {
        double s = 0;
        for (int d = 0; d < h; d++) {
          s += (r[d] - mean[d]) * axes[c][d];
        }
        scores[i][c] = s;
      }
    }
    return finish(mean, total, h, n, axes, e.values, scores);
  }

  /**
   * The first {@code k} components from the Gram matrix of the centred rows (N x N), which the
   * caller may have computed faster elsewhere (on the engine).
   */
  public static Pca fromGram(float[][] rows, double[][] gram, int k) {
    double[][] xc = centred(rows);
    int n = xc.length;
    int h = n == 0 ? 0 : xc[0].length;
    Eigen e = topEigen(gram, Math.min(k, n));
    int kk = e.values.length;
    double[][] axes = new double[kk][h];
    double[][] scores = new double[n][kk];
    for (int c = 0; c < kk; c++) {
      double s = Math.sqrt(Math.max(0, e.values[c]));
      if (s < 1e-150) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        double u = e.vectors[c][i];
        for (int d = 0; d < h; d++) {
          axes[c][d] += xc[i][d] * u / s;
        }
      }
      for (int i = 0; i < n; i++) {
        scores[i][c] = e.vectors[c][i] * s;
      }
    }
    return finish(mean(rows), xc, axes, e.values, scores);
  }

  /** The rows minus their mean, in double. */
  public static double[][] centred(float[][] rows) {
    int n = rows.length;
    int h = n == 0 ? 0 : rows[0].length;
    double[] mean = mean(rows);
    double[][] xc = new double[n][h];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < h; d++) {
        xc[i][d] = rows[i][d] - mean[d];
      }
    }
    return xc;
  }

  /** The mean of the rows, [H]. */
  public static double[] mean(float[][] rows) {
    int n = rows.length;
    int h = n == 0 ? 0 : rows[0].length;
    double[] mean = new double[h];
    for (float[] r : rows) {
      for (int d = 0; d < h; d++) {
        mean[d] += r[d];
      }
    }
    for (int d = 0; d < h; d++) {
      mean[d] /= Math.max(1, n);
    }
    return mean;
  }

  /** Xc Xc^T. */
  static double[][] gram(double[][] xc) {
    int n = xc.length;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        g[i][j] = dot(xc[i], xc[j]);
      }
    }
    mirror(g);
    return g;
  }

  private static Pca finish(double[] mean, double[][] xc, double[][] axes, double[] eigenvalues, double[][] scores) {
    int n = xc.length;
    int h = n == 0 ? 0 : xc[0].length;
    double total = 0;
    for (double[] x : xc) {
      total += dot(x, x);
    }
    return finish(mean, total, h, n, axes, eigenvalues, scores);
  }

  /** As above, given the summed squared distance to the mean ({@code sumSquares}). */
  private static Pca finish(double[] mean, double sumSquares, int h, int n, double[][] axes, double[] eigenvalues,
      double[][] scores) {
    double total = sumSquares / Math.max(1, n);
    double[] variances = new double[axes.length];
    for (int c = 0; c < axes.length; c++) {
      variances[c] = Math.max(0, eigenvalues[c]) / Math.max(1, n);
      // Sign convention: the largest component of each axis is positive.
      int big = 0;
      for (int d = 1; d < h; d++) {
        if (Math.abs(axes[c][d]) > Math.abs(axes[c][big])) {
          big = d;
        }
      }
      if (h > 0 && axes[c][big] < 0) {
        for (int d = 0; d < h; d++) {
          axes[c][d] = -axes[c][d];
        }
        for (double[] s : scores) {
          s[c] = -s[c];
        }
      }
    }
    return new Pca(mean, axes, variances, total, scores);
  }

  private record Eigen(double[] values, double[][] vectors) {}

  /**
   * The {@code k} largest eigenpairs of a symmetric positive semi-definite matrix, by block power
   * iteration (a few extra vectors for speed) with a Rayleigh-Ritz step each round.
   */
  private static Eigen topEigen(double[][] m, int k) {
    int n = m.length;
    if (n == 0 || k <= 0) {
      return new Eigen(new double[0], new double[0][]);
    }
    int b = Math.min(n, k + 4);
    double[][] v = new double[b][n];
    Random random = new Random(1);
    for (double[] col : v) {
      for (int i = 0; i < n; i++) {
        col[i] = random.nextGaussian();
      }
    }
    orthonormalise(v);
    double[] values = new double[b];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(m[i][i]));
    }
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[][] mv = new double[b][];
      for (int c = 0; c < b; c++) {
        mv[c] = times(m, v[c]);
      }
      // Rayleigh-Ritz on the block: B = V^T M V, rotate V by B's eigenvectors.
      double[][] small = new double[b][b];
      for (int p = 0; p < b; p++) {
        for (int q = 0; q < b; q++) {
          small[p][q] = dot(v[p], mv[q]);
        }
      }
      double[][] rot = new double[b][b];
      double[] lambda = jacobi(small, rot);
      double[][] nv = new double[b][n];
      double[][] nmv = new double[b][n];
      for (int c = 0; c < b; c++) {
        for (int p = 0; p < b; p++) {
          double r = rot[p][c];
          for (int i = 0; i < n; i++) {
            nv[c][i] += r * v[p][i];
            nmv[c][i] += r * mv[p][i];
          }
        }
      }
      double residual = 0;
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          double d = nmv[c][i] - lambda[c] * nv[c][i];
          s += d * d;
        }
        residual = Math.max(residual, Math.sqrt(s));
      }
      // Done when the vectors fit, or when the top k Ritz values have settled: then the block
      // spans the leading eigenspace as far as it is defined (nearly equal eigenvalues leave any
      // direction inside their span equally principal).
      double change = 0;
      for (int c = 0; c < k; c++) {
        change = Math.max(change, Math.abs(lambda[c] - values[c]));
      }
      values = lambda;
      v = nv;
      if (residual <= TOLERANCE * Math.max(scale, 1e-300) || change <= 1e-12 * Math.abs(lambda[0])
          || scale == 0) {
        break;
      }
      // Next block: M V (rotated), orthonormalised.
      v = nmv;
      orthonormalise(v);
    }
    double[][] vectors = new double[k][];
    System.arraycopy(v, 0, vectors, 0, k);
    double[] top = new double[k];
    System.arraycopy(values, 0, top, 0, k);
    return new Eigen(top, vectors);
  }

  /** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi); eigenvalues descending, vectors in columns of {@code vectors}. */
  private static double[] jacobi(double[][] a0, double[][] vectors) {
    int n = a0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
      java.util.Arrays.fill(vectors[i], 0);
      vectors[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < n; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
          }
          for (int r = 0; r < n; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
          }
          for (int r = 0; r < n; r++) {
            double vrp = vectors[r][p];
            double vrq = vectors[r][q];
            vectors[r][p] = c * vrp - s * vrq;
            vectors[r][q] = s * vrp + c * vrq;
          }
        }
      }
    }
    // Sort descending.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] values = new double[n];
    double[][] sorted = new double[n][n];
    for (int c = 0; c < n; c++) {
      values[c] = a[order[c]][order[c]];
      for (int r = 0; r < n; r++) {
        sorted[r][c] = vectors[r][order[c]];
      }
    }
    for (int r = 0; r < n; r++) {
      vectors[r] = sorted[r];
    }
    return values;
  }

  private static void orthonormalise(double[][] v) {
    for (int c = 0; c < v.length; c++) {
      for (int p = 0; p < c; p++) {
        double d = dot(v[c], v[p]);
        for (int i = 0; i < v[c].length; i++) {
          v[c][i] -= d * v[p][i];
        }
      }
      double norm = Math.sqrt(dot(v[c], v[c]));
      if (norm < 1e-300) {
        // A degenerate direction: replace by a unit vector orthogonal to the others if possible.
        java.util.Arrays.fill(v[c], 0);
        v[c][c % v[c].length] = 1;
        continue;
      }
      for (int i = 0; i < v[c].length; i++) {
        v[c][i] /= norm;
      }
    }
  }

  private static double[] times(double[][] m, double[] x) {
    double[] y = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      y[i] = dot(m[i], x);
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void mirror(double[][] upper) {
    for (int i = 0; i < upper.length; i++) {
      for (int j = 0; j < i; j++) {
        upper[i][j] = upper[j][i];
      }
    }
  }
}
