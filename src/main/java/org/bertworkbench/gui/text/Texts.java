package org.bertworkbench.gui.text;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The window's words in the user's language. Each gui package keeps its strings in its own bundle,
 * {@code org/bertworkbench/gui/<package>/messages.properties} with {@code messages_ja.properties}
 * beside it (UTF-8), so that a view's words live next to its code; {@code Texts.of(getClass())}
 * finds the bundle of the caller's package. The language is one for the whole window
 * ({@link Language}); a bundle never falls back to the system's locale, so a Japanese window on an
 * English system stays Japanese, and a key missing from the Japanese file shows the English text
 * rather than failing (the bundle test keeps that from happening).
 */
public final class Texts {

  private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String bundleName;

  private Texts(String bundleName) {
    this.bundleName = bundleName;
  }

  /** The bundle of {@code owner}'s package. */
  public static Texts of(Class<?> owner) {
    return new Texts(bundleName(owner.getPackageName()));
  }

  /** {@code org.bertworkbench.gui.tokens} -> {@code org.bertworkbench.gui.tokens.messages}. */
  public static String bundleName(String packageName) {
    return packageName + ".messages";
  }

  /** The text for {@code key} in the window's language. */
  public String get(String key) {
    try {
      return bundle().getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no text '" + key + "' in " + bundleName, e);
    }
  }

  /**
   * The text for {@code key} with {@code args} put in its {@code {0}}, {@code {1}}, … in the
   * window's language: numbers as the locale writes them ({@code {0,number,0.000}} for a fixed
   * number of places). Apostrophes in the pattern must be doubled, as MessageFormat wants.
   */
  public String format(String key, Object... args) {
    return new MessageFormat(get(key), Language.current().locale()).format(args);
  }

  private ResourceBundle bundle() {
    return ResourceBundle.getBundle(bundleName, Language.current().locale(), Texts.class.getClassLoader(),
        NO_SYSTEM_FALLBACK);
  }

  /**
   * What a failure says, in the window's language when core can say it so ({@link
   * org.bertworkbench.core.job.Localized}), one line, never a stack trace.
   */
  public static String failure(Throwable error) {
    return org.bertworkbench.core.job.UserMessages.of(error, Language.current().locale());
  }

  /** {@code value} with {@code places} decimals, grouped as the window's language groups digits. */
  public static String number(double value, int places) {
    NumberFormat f = NumberFormat.getNumberInstance(Language.current().locale());
    f.setMinimumFractionDigits(places);
    f.setMaximumFractionDigits(places);
    return f.format(value);
  }

  /** A whole number, grouped as the window's language groups digits (12,345). */
  public static String integer(long value) {
    return NumberFormat.getIntegerInstance(Language.current().locale()).format(value);
  }

  /** A date and time as the window's language writes it, in this machine's time zone. */
  public static String dateTime(TemporalAccessor instant) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(Language.current().locale()).withZone(ZoneId.systemDefault()).format(instant);
  }

  /** True when {@code key} is in the bundle (for texts that only some items have). */
  public boolean has(String key) {
    return bundle().containsKey(key);
  }
}
