package org.bertworkbench.core.job;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A sentence for the user that can be said in English or Japanese: a key in the bundle of the
 * package that says it, {@code org/bertworkbench/core/<package>/messages.properties} with {@code
 * messages_ja.properties} beside it (UTF-8), and the values put into its {@code {0}}, {@code {1}}, …
 *
 * <p>Values are written as {@code String.valueOf} writes them, in either language, so an English
 * message reads exactly as the concatenation it replaces (the command line's output and its golden
 * files do not change); a value that is itself a {@code Message} is said in the same language. As
 * in the window's bundles, a pattern with placeholders doubles its apostrophes, as {@link
 * MessageFormat} wants ({@code can''t open {0}}); a sentence with none is said as written.
 *
 * <p>Text that is not ours (an operating system's or a library's error) goes in as {@link
 * #verbatim}: it is shown as it came in either language.
 */
public final class Message {

  private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String bundle;
  private final String key;
  private final Object[] args;

  private Message(String bundle, String key, Object[] args) {
    this.bundle = bundle;
    this.key = key;
    this.args = args;
  }

  /** The sentence {@code key} of {@code owner}'s package's bundle, with {@code args} in it. */
  public static Message of(Class<?> owner, String key, Object... args) {
    return new Message(bundleName(owner.getPackageName()), Objects.requireNonNull(key), args.clone());
  }

  /** Text that is not ours to translate (a library's or the system's message), said as it is. */
  public static Message verbatim(String text) {
    return new Message(null, text == null ? "unknown problem" : text, new Object[0]);
  }

  /** {@code org.bertworkbench.core.checkpoint} -> {@code org.bertworkbench.core.checkpoint.messages}. */
  public static String bundleName(String packageName) {
    return packageName + ".messages";
  }

  /** The bundle's base name, e.g. {@code org.bertworkbench.core.checkpoint.messages}; null when verbatim. */
  public String bundle() {
    return bundle;
  }

  /** The key in the bundle (the text itself when verbatim). */
  public String key() {
    return key;
  }

  /** The sentence in {@code locale}'s language: Japanese for {@code ja}, English for any other. */
  public String in(Locale locale) {
    if (bundle == null) {
      return key;
    }
    String pattern;
    try {
      pattern = ResourceBundle.getBundle(bundle, locale, Message.class.getClassLoader(), NO_SYSTEM_FALLBACK)
          .getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no message '" + key + "' in " + bundle, e);
    }
    if (args.length == 0) {
      return pattern;
    }
    Object[] said = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      said[i] = args[i] instanceof Message m ? m.in(locale) : String.valueOf(args[i]);
    }
    return new MessageFormat(pattern, locale).format(said);
  }

  /** The sentence in English, as logs and the command line print it. */
  public String english() {
    return in(Locale.ROOT);
  }

  /** The English sentence. */
  @Override
  public String toString() {
    return english();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && Objects.equals(bundle, m.bundle) && key.equals(m.key)
        && Arrays.equals(args, m.args);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bundle, key, Arrays.hashCode(args));
  }
}
