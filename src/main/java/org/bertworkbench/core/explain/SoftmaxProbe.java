package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.bertworkbench.core.job.Progress;

/**
 * A linear softmax probe (multinomial logistic regression) on one layer's vectors: the features
 * standardised with the train words' mean and standard deviation, weights from zero, full-batch
 * Adam on the mean cross-entropy plus {@code l2 / 2 * |W|^2}, a fixed number of steps. Nothing is
 * random, so the same vectors always give the same probe. The gradient is written out (softmax
 * minus the one-hot tags), so no autograd is recorded.
 */
final class SoftmaxProbe {

  /** How the probe learns. */
  record Settings(int steps, double learningRate, double l2) {
    Settings {
      if (steps < 1 || !(learningRate > 0) || !(l2 >= 0)) {
        throw new IllegalArgumentException("steps " + steps + ", learning rate " + learningRate + ", l2 " + l2);
      }
    }
  }

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  /** Steps between checks for cancellation. */
  private static final int CHECK_EVERY = 25;

  private SoftmaxProbe() {}

  /**
   * Trains one probe per tagging of the same train words and returns each one's dev predictions.
   *
   * @param train {@code n * hidden} values, row-major
   * @param trainTags per tagging (the real tags, the control tags, ...), n tag ids each
   * @param dev {@code m * hidden} values
   * @return per tagging, the m predicted tag ids
   */
  static int[][] fitAndPredict(NDManager parent, float[] train, int n, float[] dev, int m, int hidden,
      int[][] trainTags, int tags, Settings settings, Progress progress) {
    int[][] out = new int[trainTags.length][];
    try (NDManager scope = parent.newSubManager()) {
      NDArray x = scope.create(train, new Shape(n, hidden));
      NDArray mean = x.mean(new int[] {0});
      NDArray std = x.sub(mean).square().mean(new int[] {0}).add(1e-6f).sqrt();
      x = x.sub(mean).div(std);
      NDArray xt = x.transpose().duplicate();
      NDArray d = m == 0 ? null : scope.create(dev, new Shape(m, hidden)).sub(mean).div(std);
      for (int t = 0; t < trainTags.length; t++) {
        NDArray y = oneHot(scope, trainTags[t], tags);
        NDArray[] wb = fit(scope, x, xt, y, n, hidden, tags, settings, progress);
        out[t] = d == null ? new int[0] : toInts(d.matMul(wb[0]).add(wb[1]).argMax(1));
      }
    }
    return out;
  }

  /** Full-batch Adam from zero weights; returns {W (hidden, tags), b (tags)}. */
  private static NDArray[] fit(NDManager scope, NDArray x, NDArray xt, NDArray y, int n, int hidden, int tags,
      Settings s, Progress progress) {
    NDArray w = scope.zeros(new Shape(hidden, tags));
    NDArray b = scope.zeros(new Shape(tags));
    NDArray mw = scope.zeros(w.getShape());
    NDArray vw = scope.zeros(w.getShape());
    NDArray mb = scope.zeros(b.getShape());
    NDArray vb = scope.zeros(b.getShape());
    NDArray[] kept = {x, xt, y, w, b, mw, vw, mb, vb};
    for (int step = 1; step <= s.steps(); step++) {
      if (step % CHECK_EVERY == 0) {
        progress.checkCancelled();
      }
      try (NDManager temp = scope.newSubManager()) {
        for (NDArray a : kept) {
          a.tempAttach(temp); // results of their operations go to temp and are freed with it
        }
        NDArray g = x.matMul(w).add(b).softmax(1).sub(y); // (n, tags): d loss / d logits times n
        NDArray gw = xt.matMul(g).div(n).add(w.mul((float) s.l2()));
        NDArray gb = g.sum(new int[] {0}).div(n);
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        float rate = (float) s.learningRate() / correction1;
        adam(w, gw, mw, vw, rate, correction2);
        adam(b, gb, mb, vb, rate, correction2);
      }
    }
    return new NDArray[] {w, b};
  }

  /** p -= rate * m / (sqrt(v / correction2) + eps), m and v the moving averages, in place. */
  private static void adam(NDArray p, NDArray g, NDArray m, NDArray v, float rate, float correction2) {
    m.muli(BETA1).addi(g.mul(1 - BETA1));
    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
    p.subi(m.div(v.div(correction2).sqrt().add(EPSILON)).muli(rate));
  }

  private static NDArray oneHot(NDManager scope, int[] ids, int tags) {
    float[] flat = new float[ids.length * tags];
    for (int i = 0; i < ids.length; i++) {
      flat[i * tags + ids[i]] = 1;
    }
    return scope.create(flat, new Shape(ids.length, tags));
  }

  private static int[] toInts(NDArray ids) {
    long[] l = ids.toType(DataType.INT64, false).toLongArray();
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = (int) l[i];
    }
    return out;
  }
}
