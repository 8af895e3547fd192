package org.bertworkbench.core.lesson;

import org.bertworkbench.core.pretrain.SampledBatch;

/**
 * What one check computed: whether the claim held, the figures its localised value template
 * ({@code <check>.value} in {@code checks.properties}) is filled with, already formatted, and the
 * batch it was computed on when it was one (the pretraining checks; null otherwise).
 */
record Outcome(boolean passed, SampledBatch batch, Object... figures) {

  Outcome(boolean passed, Object... figures) {
    this(passed, null, figures);
  }

  /** A number as a lesson shows it: at most {@code digits} decimals, a dot, no exponent for 0. */
  static String number(double v, int digits) {
    if (v == 0) {
      return "0.0";
    }
    return Math.abs(v) < Math.pow(10, -digits) ? String.format(java.util.Locale.ROOT, "%.1e", v)
        : String.format(java.util.Locale.ROOT, "%." + digits + "f", v);
  }

  /** A percentage with one decimal, as "15.1". */
  static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f", 100 * fraction);
  }

  /** A count with thousands separators, as "109,482,240". */
  static String count(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }
}
