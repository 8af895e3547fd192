package org.bertworkbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bertworkbench.BundleChecks;
import org.junit.jupiter.api.Test;

/**
 * The messages core says to users (a refused checkpoint, an unreadable dataset, …) are whole in
 * both languages, as the window's own words are ({@code GuiBundlesTest}), and say the same
 * sentence in English as before.
 */
class CoreBundlesTest {

  static final Path RESOURCES = Path.of("src/main/resources/org/bertworkbench/core");
  static final Path SOURCES = Path.of("src/main/java/org/bertworkbench/core");

  /** {@code Message.of(Owner.class, "key", …)}: the owner is a class of the calling package. */
  static final Pattern KEY_USE = Pattern.compile("\\bMessage\\.of\\(\\s*\\w+\\.class,\\s*\"([^\"]+)\"");

  @Test
  void everyCoreBundleHasAJapaneseOneWithTheSameKeysAndPlaceholders() throws IOException {
    assertEquals(List.of(), BundleChecks.problemsInBundles(RESOURCES));
  }

  @Test
  void everyKeyTheCodeNamesIsInItsPackagesBundle() throws IOException {
    assertEquals(List.of(), BundleChecks.keysMissing(SOURCES, RESOURCES, KEY_USE));
  }

  @Test
  void aMessageIsSaidInTheAskedLanguageAndItsValuesAsTheyAre() {
    Message m = Message.of(UserMessages.class, "unexpected", 12345);
    assertEquals("unexpected 12345", m.english());
    String ja = m.in(Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("12345"), ja);
    assertEquals("as it came", Message.verbatim("as it came").in(Locale.JAPANESE));
  }

  @Test
  void aFailureIsSaidInTheWindowsLanguageWhenItCanBe() {
    class Refused extends RuntimeException implements Localized {
      Refused() {
        super("vocab.txt: english");
      }

      @Override
      public String message(Locale locale) {
        return locale.getLanguage().equals("ja") ? "vocab.txt: 日本語" : getMessage();
      }
    }
    RuntimeException wrapped = new RuntimeException(null, new Refused());
    assertEquals("vocab.txt: 日本語", UserMessages.of(wrapped, Locale.JAPANESE));
    assertEquals("vocab.txt: english", UserMessages.of(wrapped));
    assertTrue(UserMessages.of(new OutOfMemoryError(), Locale.JAPANESE).contains("-Xmx"));
    assertEquals("unexpected NullPointerException", UserMessages.of(new NullPointerException()));
  }
}
