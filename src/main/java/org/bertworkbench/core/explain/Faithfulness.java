package org.bertworkbench.core.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bertworkbench.core.job.Progress;

/**
 * Which explanation the model actually follows. A deletion curve replaces the word part of the
 * tokens by [PAD]'s row in decreasing order of a method's signed total, one more at a time, and
 * records f after each; the faster f falls, the smaller the curve's area and the more faithful the
 * method. Random orders (their mean) are the yardstick. Over a file of inputs, methods are compared
 * by the rank correlation of their totals.
 */
public final class Faithfulness {

  /** Random orders averaged for the yardstick curve. */
  public static final int RANDOM_ORDERS = 10;

  /**
   * One deletion curve.
   *
   * @param method whose order, or null for the mean of random orders
   * @param order the tokens in the order removed (empty for the random mean)
   * @param points f after removing 0, 1, ..., n tokens
   * @param area the curve's area over removed fraction 0..1 (trapezoids)
   */
  public record Curve(Method method, int[] order, double[] points, double area) {}

  /** One pair of methods' rank correlation, the mean over the inputs where both could be ranked. */
  public record Correlation(Method a, Method b, double spearman, int inputs) {}

  private Faithfulness() {}

  /** A deletion curve for every attribution given, then the mean of {@code orders} random ones. */
  public static List<Curve> deletionCurves(Attributor a, Map<Method, Attribution> attributions, int orders,
      long seed, Progress progress) {
    List<Curve> out = new ArrayList<>();
    int n = attributions.size() + 1;
    int i = 0;
    for (Attribution at : attributions.values()) {
      progress.checkCancelled();
      progress.report(i++ / (double) n, at.method().cliName());
      int[] order = a.orderBy(at.total());
      double[] points = a.deletion(order);
      out.add(new Curve(at.method(), order, points, area(points)));
    }
    Random random = new Random(seed);
    double[] mean = null;
    for (int r = 0; r < orders; r++) {
      progress.checkCancelled();
      double[] points = a.deletion(a.randomOrder(random));
      mean = mean == null ? new double[points.length] : mean;
      for (int k = 0; k < points.length; k++) {
        mean[k] += points[k] / orders;
      }
    }
    if (mean != null) {
      out.add(new Curve(null, new int[0], mean, area(mean)));
    }
    progress.report(1, "");
    return out;
  }

  /** The area under points spaced evenly over 0..1; a single point is its own value. */
  public static double area(double[] points) {
    if (points.length == 1) {
      return points[0];
    }
    double s = 0;
    for (int k = 0; k + 1 < points.length; k++) {
      s += (points[k] + points[k + 1]) / 2;
    }
    return s / (points.length - 1);
  }

  /**
   * The mean Spearman correlation, per pair of methods, over inputs: each input's totals compared
   * on the tokens the baseline replaces ({@code replaced}); inputs with fewer than three such tokens,
   * or where a method gives every token the same number, are left out of that pair.
   */
  public static List<Correlation> rankCorrelations(List<Map<Method, Attribution>> inputs, List<boolean[]> replaced,
      List<Method> methods) {
    List<Correlation> out = new ArrayList<>();
    for (int i = 0; i < methods.size(); i++) {
      for (int j = i + 1; j < methods.size(); j++) {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < inputs.size(); k++) {
          Attribution x = inputs.get(k).get(methods.get(i));
          Attribution y = inputs.get(k).get(methods.get(j));
          if (x == null || y == null) {
            continue;
          }
          double rho = spearman(keep(x.total(), replaced.get(k)), keep(y.total(), replaced.get(k)));
          if (!Double.isNaN(rho)) {
            sum += rho;
            count++;
          }
        }
        out.add(new Correlation(methods.get(i), methods.get(j), count == 0 ? Double.NaN : sum / count, count));
      }
    }
    return out;
  }

  /** Spearman's ρ with tied values given their mean rank; NaN for fewer than three values or no spread. */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " and " + y.length + " values");
    }
    if (x.length < 3) {
      return Double.NaN;
    }
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mx = Arrays.stream(rx).average().orElse(0);
    double my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length;) {
      int j = i;
      while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  private static double[] keep(double[] v, boolean[] which) {
    int n = 0;
    for (boolean b : which) {
      n += b ? 1 : 0;
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (which[i]) {
        out[k++] = v[i];
      }
    }
    return out;
  }
}
