package org.bertworkbench.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The engine's matrix-multiply rate, the baseline a forward pass is compared with. */
public final class MatmulBench {

  private MatmulBench() {}

  /** GFLOP/s of (m x k) @ (k x n), median of {@code runs} after one warm-up. */
  public static double gflops(NDManager manager, int m, int k, int n, int runs) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomUniform(-1, 1, new Shape(m, k));
      NDArray b = scope.randomUniform(-1, 1, new Shape(k, n));
      double[] times = new double[runs];
      for (int r = -1; r < runs; r++) {
        long start = System.nanoTime();
        try (NDManager step = scope.newSubManager()) {
          NDArray c = a.matMul(b);
          c.tempAttach(step);
          c.get(0, 0).getFloat();
        }
        if (r >= 0) {
          times[r] = (System.nanoTime() - start) / 1e9;
        }
      }
      return 2.0 * m * k * n / ForwardBench.median(times) / 1e9;
    }
  }
}
