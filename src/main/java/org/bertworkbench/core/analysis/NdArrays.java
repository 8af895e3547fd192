package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Copies engine arrays into plain Java arrays (row-major), and the few helpers around that. */
final class NdArrays {

  private NdArrays() {}

  /** A (R, C) array as [R][C]. */
  static float[][] matrix(NDArray a) {
    int r = dim(a, 0);
    int c = dim(a, 1);
    return split(a.toFloatArray(), r, c, 0);
  }

  /** A (N, R, C) array as [N][R][C]. */
  static float[][][] cube(NDArray a) {
    int n = dim(a, 0);
    int r = dim(a, 1);
    int c = dim(a, 2);
    float[] flat = a.toFloatArray();
    float[][][] out = new float[n][][];
    for (int i = 0; i < n; i++) {
      out[i] = split(flat, r, c, i * r * c);
    }
    return out;
  }

  /**
   * A handle on one of the model's own arrays (a weight) that belongs to {@code scope}: every result
   * computed from it then belongs to the scope too, never to the model, and is freed with the scope.
   */
  static NDArray inScope(NDArray weight, NDManager scope) {
    NDArray view = weight.reshape(weight.getShape());
    view.attach(scope);
    return view;
  }

  private static float[][] split(float[] flat, int r, int c, int offset) {
    float[][] out = new float[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(flat, offset + i * c, out[i], 0, c);
    }
    return out;
  }

  private static int dim(NDArray a, int axis) {
    return Math.toIntExact(a.getShape().get(axis));
  }
}
