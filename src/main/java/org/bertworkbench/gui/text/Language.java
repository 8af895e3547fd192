package org.bertworkbench.gui.text;

import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The two languages the window speaks. The window starts in the one the user chose last (kept in
 * the user's preferences), else in the system's when that is Japanese, else in English; {@code
 * --lang ja|en} on the command line overrides both for one start (through {@link #PROPERTY}).
 */
public enum Language {
  EN("en", Locale.ENGLISH, "English"),
  JA("ja", Locale.JAPANESE, "日本語");

  private static final String KEY = "language";
  private static volatile Language current = initial();

  private final String tag;
  private final Locale locale;
  private final String ownName;

  Language(String tag, Locale locale, String ownName) {
    this.tag = tag;
    this.locale = locale;
    this.ownName = ownName;
  }

  /** "en" or "ja", as {@code --lang} takes it. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** The language's name in itself ("English", "日本語"), as a language menu shows it. */
  public String ownName() {
    return ownName;
  }

  /** The window's language now. */
  public static Language current() {
    return current;
  }

  /** Switches the window's language for every text fetched from now on (not remembered). */
  public static void use(Language language) {
    current = language;
  }

  /** Switches and remembers the choice for the next start. */
  public static void choose(Language language) {
    use(language);
    prefs().put(KEY, language.tag);
  }

  /** The language for a tag ("ja", "en", "ja-JP"), or empty when it is neither. */
  public static Optional<Language> of(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    String lang = tag.trim().toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (lang.equals(l.tag) || lang.startsWith(l.tag + "-") || lang.startsWith(l.tag + "_")) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The system property {@code --lang} sets (and the test runs set to "en"), first of all. */
  public static final String PROPERTY = "bertworkbench.lang";

  /**
   * The language of {@link #PROPERTY} when set, else the remembered choice, else the system's
   * language when the window speaks it, else English.
   */
  static Language initial() {
    Optional<Language> asked = of(System.getProperty(PROPERTY));
    if (asked.isPresent()) {
      return asked.get();
    }
    return remembered().orElse(of(Locale.getDefault().getLanguage()).orElse(EN));
  }

  /** The language chosen last in the window's menu, if one was. */
  public static Optional<Language> remembered() {
    return of(prefs().get(KEY, null));
  }

  private static Preferences prefs() {
    return Preferences.userNodeForPackage(Language.class);
  }
}
