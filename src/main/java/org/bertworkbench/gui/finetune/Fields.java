package org.bertworkbench.gui.finetune;

import java.util.Locale;
import org.bertworkbench.gui.text.Texts;

/**
 * Reading the wizard's text fields into numbers, with the one-line refusal a person needs (which
 * field, what was typed, what is allowed).
 */
final class Fields {

  private static final Texts T = Texts.of(Fields.class);

  private Fields() {}

  /** A whole number in {@code [min, max]}. */
  static int whole(String text, String field, int min, int max) {
    String t = trimmed(text, field).replace(",", "").replace("_", "");
    long v;
    try {
      v = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(T.format("Fields.whole", field, t));
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(T.format("Fields.between", field, String.valueOf(min), String.valueOf(max),
          String.valueOf(v)));
    }
    return (int) v;
  }

  /** A long (seeds). */
  static long seed(String text, String field) {
    String t = trimmed(text, field);
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(T.format("Fields.whole", field, t));
    }
  }

  /** A number in {@code [min, max]}; "10%" reads as 0.1. */
  static double number(String text, String field, double min, double max) {
    String t = trimmed(text, field);
    double v;
    try {
      v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(T.format("Fields.number", field, example(max), t));
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(T.format("Fields.between", field, format(min), format(max), format(v)));
    }
    return v;
  }

  /** A learning rate as the paper writes them: "5e-5". */
  static String rate(double lr) {
    String s = String.format(Locale.ROOT, "%.0e", lr).replace("e-0", "e-").replace("e+0", "e");
    return Double.parseDouble(s) == lr ? s : Double.toString(lr);
  }

  private static String trimmed(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(T.format("Fields.empty", field));
    }
    return text.trim();
  }

  private static String example(double max) {
    return max <= 1 ? "0.1" : "5e-5";
  }

  private static String format(double v) {
    return v != 0 && Math.abs(v) < 1e-3 ? rate(v) : String.format(Locale.ROOT, "%s", v);
  }
}
