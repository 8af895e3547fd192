package org.bertworkbench.gui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import org.bertworkbench.BundleChecks;

/**
 * Every gui bundle is whole in both languages: the same keys, the same placeholders, Japanese
 * text that is Japanese, and every key the code asks for present. Read from the source tree, so
 * that a failure names the file to mend.
 */
public class GuiBundlesTest {

  static final Path RESOURCES = Path.of("src/main/resources/org/bertworkbench/gui");
  static final Path SOURCES = Path.of("src/main/java/org/bertworkbench/gui");

  /** See {@link BundleChecks#NAMES_ONLY}. */
  public static final Pattern NAMES_ONLY = BundleChecks.NAMES_ONLY;

  /** See {@link BundleChecks#JAPANESE}. */
  public static final Pattern JAPANESE = BundleChecks.JAPANESE;

  /** {@code T.get("key")} and {@code T.format("key", …)}: the keys the code names literally. */
  static final Pattern KEY_USE = Pattern.compile("\\bT\\.(?:get|format|has)\\(\\s*\"([^\"]+)\"\\s*[,)]");

  @Test
  void everyEnglishBundleHasAJapaneseOneWithTheSameKeysAndPlaceholders() throws IOException {
    assertEquals(List.of(), BundleChecks.problemsInBundles(RESOURCES));
  }

  @Test
  void everyKeyTheCodeNamesIsInItsPackagesBundle() throws IOException {
    assertEquals(List.of(), BundleChecks.keysMissing(SOURCES, RESOURCES, KEY_USE));
  }

  @Test
  void theLanguageSwitchChangesWhatABundleSays() {
    Texts t = Texts.of(Texts.class);
    Language before = Language.current();
    try {
      Language.use(Language.EN);
      String en = t.get("language.menu");
      Language.use(Language.JA);
      String ja = t.get("language.menu");
      assertTrue(JAPANESE.matcher(ja).find(), ja);
      assertFalse(en.equals(ja));
    } finally {
      Language.use(before);
    }
  }

  @Test
  void tagsNameTheTwoLanguages() {
    assertEquals(Language.JA, Language.of("ja-JP").orElseThrow());
    assertEquals(Language.EN, Language.of("EN").orElseThrow());
    assertTrue(Language.of("fr").isEmpty());
  }
}
