package org.bertworkbench.core.finetune;

import java.util.List;

/** Means and standard deviations of the numeric features of a training set, for standardisation. */
final class FeatureStatistics {

  private FeatureStatistics() {}

  /**
   * {mean, std} of each of {@code n} features over the text examples (population deviation; 1 where
   * a feature never varies, so it stays 0 after standardisation).
   */
  static double[][] of(List<Example> examples, int n) {
    double[] sum = new double[n];
    double[] squares = new double[n];
    int count = 0;
    for (Example e : examples) {
      double[] f = ((TextExample) e).features();
      if (f.length != n) {
        throw new IllegalArgumentException("line " + e.line() + ": " + f.length + " numeric features, expected " + n);
      }
      for (int c = 0; c < n; c++) {
        sum[c] += f[c];
        squares[c] += f[c] * f[c];
      }
      count++;
    }
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int c = 0; c < n; c++) {
      mean[c] = count == 0 ? 0 : sum[c] / count;
      double variance = count == 0 ? 0 : squares[c] / count - mean[c] * mean[c];
      std[c] = variance > 1e-12 ? Math.sqrt(variance) : 1;
    }
    return new double[][] {mean, std};
  }
}
